/**
 * One SARIF writer: the same finding, exported by `vigil scan --format sarif` and by an evidence
 * bundle's findings.sarif, must be one alert to a code-scanning dashboard — same rule, same
 * location, same fingerprint under the key CI users already upload ("vigilFindingKey/v1").
 */
import { describe, expect, it } from "vitest";
import { toSarif } from "../cli/sarif";
import { findingsSarif } from "../evidence/formats";
import type { FindingRecord } from "../evidence/source";
import { allChecks } from "../rules/catalogue";
import { findingKey, type Finding } from "../rules/types";
import { FINGERPRINT_KEY } from "./sarif";

const finding: Finding = {
  check: "MX-ROOM-PLAINTEXT",
  severity: "critical",
  subject: { type: "room", id: "!plain:test", label: "ops <room>" },
  detail: "Room has no m.room.encryption state event",
  evidence: { encryption: null },
};

/** The finding as the database stores it (update-findings keys rows by findingKey) and db-source exports it. */
const stored = (status: FindingRecord["status"], acceptedReason: string | null = null): FindingRecord => ({
  key: findingKey(finding),
  check: finding.check,
  severity: finding.severity,
  subjectType: finding.subject.type,
  subjectId: finding.subject.id,
  subjectLabel: finding.subject.label ?? null,
  detail: finding.detail,
  status,
  firstSeenAt: "2026-01-01T00:00:00.000Z",
  lastSeenAt: "2026-01-02T00:00:00.000Z",
  acceptedReason,
  acceptedBy: null,
  acceptedAt: null,
  acceptedUntil: null,
  evidence: finding.evidence,
});

const report = (findings: Finding[]) => ({
  collected: { status: "complete" as const, snapshot: { takenAt: "2026-01-02T00:00:00.000Z", errors: [] } },
  evaluation: { findings, results: [], coverage: [], errors: [], notCollected: [] },
  durationMs: 1,
});

type Log = { runs: { tool: { driver: { rules: unknown[] } }; results: Record<string, unknown>[] }[] };

async function bundleSarif(records: FindingRecord[]): Promise<Log> {
  async function* rows() {
    yield* records;
  }
  let text = "";
  for await (const chunk of findingsSarif(
    rows(),
    allChecks.map((c) => c.meta),
    "0.1.0",
  ))
    text += chunk;
  return JSON.parse(text) as Log;
}

const cliSarif = (accepted = new Set<string>()) => JSON.parse(JSON.stringify(toSarif(report([finding]), allChecks, accepted))) as Log;
const without = (r: Record<string, unknown> | undefined, ...keys: string[]) =>
  Object.fromEntries(Object.entries(r ?? {}).filter(([k]) => !keys.includes(k)));

describe("one SARIF writer for the CLI and evidence bundles", () => {
  it("gives the same finding the same fingerprint, under the key CI users already upload", async () => {
    const cli = cliSarif().runs[0]?.results[0];
    const bundle = (await bundleSarif([stored("open")])).runs[0]?.results[0];
    expect(cli?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: "MX-ROOM-PLAINTEXT|room|!plain:test" });
    expect(bundle?.partialFingerprints).toEqual(cli?.partialFingerprints);
    expect(FINGERPRINT_KEY).toBe("vigilFindingKey/v1");
  });

  it("agrees on everything but the properties only one side knows (evidence vs lifecycle)", async () => {
    const cli = cliSarif();
    const bundle = await bundleSarif([stored("open")]);
    expect(without(bundle.runs[0]?.results[0], "properties")).toEqual(without(cli.runs[0]?.results[0], "properties"));
    expect(bundle.runs[0]?.tool.driver.rules).toEqual(cli.runs[0]?.tool.driver.rules);
    expect(cli.runs[0]?.results[0]?.properties).toEqual({ severity: "critical", evidence: { encryption: null } });
    expect(bundle.runs[0]?.results[0]?.properties).toEqual({
      severity: "critical",
      status: "open",
      firstSeen: "2026-01-01T00:00:00.000Z",
      lastSeen: "2026-01-02T00:00:00.000Z",
    });
  });

  it("reports an accepted finding on both sides with an external suppression, never hides it", async () => {
    const cli = cliSarif(new Set([findingKey(finding)])).runs[0]?.results[0];
    const bundle = (await bundleSarif([stored("accepted", "legacy room, closes in March")])).runs[0]?.results[0];
    expect(cli?.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "listed in the --accept file" }]);
    expect(bundle?.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "legacy room, closes in March" }]);
    expect(bundle?.partialFingerprints).toEqual(cli?.partialFingerprints);
  });

  it("leaves ruleIndex out for a check the run does not declare, rather than pointing at -1", async () => {
    const unknownCheck = { ...stored("open"), check: "MX-NOT-A-CHECK", key: "MX-NOT-A-CHECK|room|!plain:test" };
    const result = (await bundleSarif([unknownCheck])).runs[0]?.results[0];
    expect(result?.ruleId).toBe("MX-NOT-A-CHECK");
    expect(result).not.toHaveProperty("ruleIndex");
  });

  it("streams an empty results array as valid JSON", async () => {
    expect((await bundleSarif([])).runs[0]?.results).toEqual([]);
  });
});
