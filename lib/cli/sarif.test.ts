/**
 * SARIF output and the CI gate, without a network: a synthetic scan report
 * goes through the same code `vigil scan --format sarif` uses. The structural
 * test checks what SARIF 2.1.0 requires of each object we emit (the parts of
 * the OASIS schema that apply), so a viewer that validates will accept it.
 */
import { describe, expect, it } from "vitest";
import { allChecks } from "../rules/catalogue";
import { findingKey, type Finding } from "../rules/types";
import { gateFails, parseAcceptList } from "./accept-file";
import { formatScan } from "./format";
import { runCli } from "./run-cli";
import { SECURITY_SEVERITY } from "../findings/sarif";
import { toSarif } from "./sarif";

const finding = (check: string, severity: Finding["severity"], type: Finding["subject"]["type"], id: string): Finding => ({
  check,
  severity,
  subject: { type, id, label: `label of ${id}` },
  detail: `${check} failed`,
  evidence: { seen: true },
});
const findings = [
  finding("MX-ROOM-PLAINTEXT", "critical", "room", "!plain:test"),
  finding("MX-DEVICE-STALE", "low", "device", "@bot:test|OLD"),
  finding("MESH-TLS-LEGACY", "medium", "endpoint", "127.0.0.1:1"),
];
const report = {
  collected: {
    status: "partial" as const,
    snapshot: { takenAt: "2026-11-22T10:00:00.000Z", errors: [{ source: "mesh", scope: "127.0.0.1:2", message: "refused" }] },
  },
  evaluation: { findings, results: [], coverage: [], errors: [], notCollected: [] },
  durationMs: 1234,
} as unknown as Parameters<typeof toSarif>[0];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const message = (m: unknown) => isObj(m) && typeof m.text === "string" && m.text.length > 0;

describe("--format sarif", () => {
  const sarif = JSON.parse(formatScan("sarif", report, new Set([findingKey(findings[1] as Finding)]))) as Obj;

  it("has the SARIF 2.1.0 top level: version, $schema, one run with a driver", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(Array.isArray(sarif.runs) && sarif.runs.length).toBe(1);
    const run = (sarif.runs as Obj[])[0] as Obj;
    const driver = (run.tool as Obj).driver as Obj;
    expect(driver).toMatchObject({ name: "Vigil", version: expect.any(String) });
  });

  it("declares one rule per check with name, descriptions, help and security-severity", () => {
    const run = (sarif.runs as Obj[])[0] as Obj;
    const rules = ((run.tool as Obj).driver as Obj).rules as Obj[];
    expect(rules.map((r) => r.id)).toEqual(allChecks.map((c) => c.meta.id));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length); // ids unique
    for (const [i, r] of rules.entries()) {
      const meta = allChecks[i]?.meta;
      expect(message(r.shortDescription) && message(r.fullDescription) && message(r.help), String(r.id)).toBe(true);
      expect((r.help as Obj).text).toBe(meta?.remediation);
      const sev = Number((r.properties as Obj)["security-severity"]);
      expect(sev >= 0 && sev <= 10).toBe(true);
      expect(["error", "warning", "note"]).toContain((r.defaultConfiguration as Obj).level);
    }
    expect(SECURITY_SEVERITY.critical > SECURITY_SEVERITY.high).toBe(true);
  });

  it("gives each finding a result: ruleId and a matching ruleIndex, level, message, a logical location with the subject id", () => {
    const run = (sarif.runs as Obj[])[0] as Obj;
    const rules = ((run.tool as Obj).driver as Obj).rules as Obj[];
    const results = run.results as Obj[];
    expect(results).toHaveLength(3);
    for (const r of results) {
      expect(rules[r.ruleIndex as number]?.id).toBe(r.ruleId);
      expect(message(r.message)).toBe(true);
      const loc = ((r.locations as Obj[])[0] as Obj).logicalLocations as Obj[];
      expect(loc[0]).toMatchObject({
        name: expect.any(String),
        fullyQualifiedName: expect.stringMatching(/^(room|device|endpoint):/),
        kind: expect.any(String),
      });
      expect((r.partialFingerprints as Obj)["vigilFindingKey/v1"]).toMatch(/\|/);
    }
    expect(results.map((r) => r.level)).toEqual(["error", "note", "warning"]);
    expect(results[0]).toMatchObject({
      ruleId: "MX-ROOM-PLAINTEXT",
      locations: [{ logicalLocations: [{ name: "!plain:test", kind: "room" }] }],
    });
    // Accepted via --accept: still reported, marked suppressed.
    expect(results[1]?.suppressions).toEqual([expect.objectContaining({ kind: "external" })]);
    expect(results[0]?.suppressions).toBeUndefined();
  });

  it("says the run was partial: collector errors become notifications", () => {
    const inv = ((sarif.runs as Obj[])[0] as Obj).invocations as Obj[];
    expect(inv[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: "error", message: { text: "mesh 127.0.0.1:2: refused" } }],
    });
  });
});

describe("--fail-on and --accept", () => {
  it("fails at or above the threshold, and accepted findings do not count", () => {
    const none = new Set<string>();
    expect(gateFails(findings, "critical", none)).toBe(true);
    expect(gateFails(findings.slice(1), "high", none)).toBe(false);
    expect(gateFails(findings.slice(1), "medium", none)).toBe(true);
    const accepted = new Set([findingKey(findings[0] as Finding)]);
    expect(gateFails(findings, "critical", accepted)).toBe(false);
    expect(gateFails(findings, "low", accepted)).toBe(true);
  });

  it("reads one key per line, ignoring comments and blanks", () => {
    const r = parseAcceptList("# reviewed 2026-11\n\nMX-ROOM-PLAINTEXT|room|!plain:test\n  MX-DEVICE-STALE|device|@bot:test|OLD  \n");
    expect(r).toEqual({ ok: true, keys: new Set(["MX-ROOM-PLAINTEXT|room|!plain:test", "MX-DEVICE-STALE|device|@bot:test|OLD"]) });
  });

  it("a malformed line is an error naming file and line, never a silently ignored acceptance", () => {
    expect(parseAcceptList("MX-ROOM-PLAINTEXT|room|!a:b\nMX-ROOM-PLAINTEXT !a:b\n", "accepted.txt")).toEqual({
      ok: false,
      error: 'accepted.txt:2: expected CHECK|subjectType|subjectId, got "MX-ROOM-PLAINTEXT !a:b"',
    });
    expect(parseAcceptList("MX-X|planet|mars").ok).toBe(false);
  });
});

describe("bad CLI input gets exit code 2 and a message", () => {
  const vigil = async (...argv: string[]) => {
    let err = "";
    const code = await runCli(argv, { out: { write: () => true }, err: { write: (s: string) => (err += s) }, env: { NODE_ENV: "test" } });
    return { code, err };
  };
  it("an unknown format names the three it knows", async () => {
    expect(await vigil("scan", "--format", "xml")).toEqual({ code: 2, err: "--format must be json, table or sarif\n" });
  });
  it("a missing --accept file says so before anything is scanned", async () => {
    expect(await vigil("scan", "--accept", "/nonexistent/accepted.txt")).toEqual({
      code: 2,
      err: "--accept /nonexistent/accepted.txt: no such file\n",
    });
  });
});
