/**
 * `vigil scan` as CI runs it, against the real test bed (loopback Synapse,
 * real matrix-js-sdk clients): headless state across runs (--state), honest
 * partial views, and no secret in anything the CLI produces. The test adds
 * its own accounts to the Synapse and never touches the seeded ones.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { runCli } from "@/lib/cli/run-cli";
import type { Change } from "@/lib/drift/types";
import type { Finding } from "@/lib/rules/types";
import { startTestbed, testbedDir, type Testbed } from "@/scripts/testbed/testbed";
import { createIdentityAgent, registerPlainUser, uniqueLocalpart, type IdentityAgent } from "../support/identity-agent";

let tb: Testbed;
let outDir: string;
let agent: IdentityAgent | undefined;

interface Report {
  scan: { status: string; matrixView?: string; takenAt: string; errors: { scope: string; message: string }[] };
  findings: Finding[];
  coverage: { notSeen: { scope: string; message: string }[]; unknown: { check: string; subjects: number; reasons: string[] }[] };
  drift?: { sinceBaseline: { changes?: Change[]; notCompared?: string }; sincePrevious: { changes?: Change[]; notCompared?: string } };
  state?: {
    rulesBaseline: { source: string; takenAt: string } | null;
    findings: { new?: string[]; resolved?: string[]; undecided?: string[]; notCompared?: string };
    saved: { replaced: boolean; why: string };
  };
}

async function vigil(...argv: string[]) {
  let out = "";
  let err = "";
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, env: { NODE_ENV: "test" as const } };
  const code = await runCli(argv, io);
  return { code, out, err, report: () => JSON.parse(out) as Report };
}

/** A config next to the test bed's, reading the homeserver only (the mesh has its own tests). */
function writeConfig(name: string, tokenFile: string, registry: unknown, agentProfiles?: unknown): string {
  const file = path.join(outDir, name);
  const homeserver = { baseUrl: tb.matrix.homeserver.baseUrl, accessTokenFile: tokenFile };
  const config = { homeserver, registry, ...(agentProfiles ? { agentProfiles } : {}) };
  fs.writeFileSync(file, YAML.stringify(config));
  return file;
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-cli-state-"));
  tb = await startTestbed({ outDir });
});

afterAll(async () => {
  agent?.stop();
  await tb?.stop();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe("vigil scan --state: an agent's identity reset fails CI", () => {
  it("raises MX-IDENTITY-CHANGED against the accepted baseline, exit 1 with --fail-on critical", async () => {
    const localpart = uniqueLocalpart("cistate");
    agent = await createIdentityAgent(tb.matrix.homeserver.baseUrl, testbedDir(), localpart, "CIDEV01");
    const registryFile = path.join(outDir, "ci-agent.yaml");
    fs.writeFileSync(
      registryFile,
      YAML.stringify({ agents: [{ name: "ci-identity", matrixUserId: agent.userId, deviceIds: ["CIDEV01"] }] }),
    );
    const config = writeConfig("ci-identity.yaml", "auditor.token", "ci-agent.yaml");
    const state = path.join(outDir, "state-identity");
    const scan = () => vigil("scan", "--config", config, "--format", "json", "--fail-on", "critical", "--state", state);
    const identityOf = (r: Report) => r.findings.filter((f) => f.check === "MX-IDENTITY-CHANGED");

    // 1. Nothing stored yet: the check cannot compare, and says so instead of passing.
    const first = await scan();
    expect(first.code, first.err).toBe(0);
    const r1 = first.report();
    expect(r1.scan.status).toBe("complete");
    expect(identityOf(r1)).toEqual([]);
    const noBaseline = expect.objectContaining({ check: "MX-IDENTITY-CHANGED", reasons: [expect.stringMatching(/No accepted baseline/)] });
    expect(r1.coverage.unknown).toContainEqual(noBaseline);
    expect(r1.state).toMatchObject({ rulesBaseline: null, saved: { replaced: true } });
    expect(fs.statSync(path.join(state, "last.json")).mode & 0o777).toBe(0o600);

    // 2. Accept it as the baseline; an unchanged identity then passes.
    expect((await vigil("baseline", "accept", "--state", state, "--by", "ci")).code).toBe(0);
    const second = await scan();
    expect(second.code, second.err).toBe(0);
    const r2 = second.report();
    expect(r2.state?.rulesBaseline).toEqual({ source: "accepted baseline", takenAt: r1.scan.takenAt });
    expect(identityOf(r2)).toEqual([]);
    expect(r2.coverage.unknown.map((u) => u.check)).not.toContain("MX-IDENTITY-CHANGED");

    // 3. The agent's identity is reset (a new master key, uploaded with password UIA).
    const before = await agent.masterKey();
    const after = await agent.resetIdentity();
    const third = await scan();
    expect(third.code, third.err).toBe(1);
    const r3 = third.report();
    expect(identityOf(r3)).toEqual([
      expect.objectContaining({
        severity: "critical",
        subject: expect.objectContaining({ type: "user", id: agent.userId }),
        evidence: { masterKey: after, baselineMasterKey: before, baselineTakenAt: r1.scan.takenAt },
      }),
    ]);
    // Drift says the same, against the baseline and the previous scan alike; the finding is new since the previous scan.
    const identityChange = expect.objectContaining({ kind: "identity-changed", subject: expect.objectContaining({ id: agent.userId }) });
    expect(r3.drift?.sinceBaseline.changes).toContainEqual(identityChange);
    expect(r3.drift?.sincePrevious.changes).toContainEqual(identityChange);
    expect(r3.state?.findings.new).toEqual([`MX-IDENTITY-CHANGED|user|${agent.userId}`]);

    // 4. Not accepted, so the next run still fails: the baseline, not the last run, is what the identity is held to.
    const fourth = await scan();
    expect(fourth.code).toBe(1);
    expect(identityOf(fourth.report())).toHaveLength(1);
    expect(fourth.report().drift?.sincePrevious.changes).not.toContainEqual(identityChange);
  });
});

describe("a member-view scan is partial, and says what it could not see", () => {
  it("is partial with a coverage section, exits 3 with --require-complete, keeps the admin baseline and resolves nothing unseen", async () => {
    const plain = await registerPlainUser(tb.matrix.homeserver.baseUrl, testbedDir(), uniqueLocalpart("ciplain"));
    fs.writeFileSync(path.join(outDir, "plain.token"), `${plain.accessToken}\n`, { mode: 0o600 });
    const testbedConfig = YAML.parse(fs.readFileSync(tb.configPath, "utf8")) as { registry: unknown; agentProfiles: unknown };
    const admin = writeConfig("admin-matrix.yaml", "auditor.token", testbedConfig.registry, testbedConfig.agentProfiles);
    const member = writeConfig("member-matrix.yaml", "plain.token", testbedConfig.registry, testbedConfig.agentProfiles);
    const state = path.join(outDir, "state-member");

    const full = await vigil("scan", "--config", admin, "--format", "json", "--state", state);
    expect(full.report().scan.status).toBe("complete");
    const adminFindings = full.report().findings.map((f) => `${f.check}|${f.subject.type}|${f.subject.id}`);
    const lastBefore = fs.readFileSync(path.join(state, "last.json"), "utf8");

    const partial = await vigil("scan", "--config", member, "--format", "json", "--state", state);
    expect(partial.code, partial.err).toBe(0);
    const r = partial.report();
    expect(r.scan).toMatchObject({ status: "partial", matrixView: "member" });
    expect(r.coverage.notSeen.map((g) => g.scope)).toEqual(["rooms not joined", "devices without keys", "device last-seen times"]);
    const noLastSeen = expect.objectContaining({ check: "MX-DEVICE-STALE", reasons: [expect.stringMatching(/No last-seen time/)] });
    expect(r.coverage.unknown).toContainEqual(noLastSeen);
    expect(partial.err).toMatch(/the scan is partial: 3 gap\(s\)/);
    // The plain user joined no room, so no room finding of the admin scan can be judged — none may resolve.
    expect(r.state?.findings.resolved).toEqual([]);
    expect(r.state?.findings.undecided?.length).toBeGreaterThan(0);
    for (const key of r.state?.findings.undecided ?? []) expect(adminFindings).toContain(key);
    expect(r.state?.findings.undecided).toEqual(expect.arrayContaining(adminFindings.filter((k) => k.startsWith("MX-ROOM-"))));
    expect(r.drift?.sincePrevious).toEqual({ notCompared: "this scan is partial: what it did not read would show as removed" });
    expect(r.state?.saved).toMatchObject({ replaced: false, why: expect.stringMatching(/this scan is partial/) });
    expect(fs.readFileSync(path.join(state, "last.json"), "utf8")).toBe(lastBefore);

    const strict = await vigil("scan", "--config", member, "--format", "table", "--require-complete", "--state", state);
    expect(strict.code).toBe(3);
    expect(strict.out).toMatch(/^Scan partial /);
    expect(strict.out).toMatch(/! matrix rooms not joined: the auditor account is not a server admin/);
    expect(strict.err).toMatch(/--require-complete: a partial scan fails the run/);

    // Accepting now takes the last *complete* scan: the partial one never becomes the baseline.
    const accepted = await vigil("baseline", "accept", "--state", state);
    expect(accepted.out).toContain(`Accepted the complete scan of ${full.report().scan.takenAt}`);
    const baseline = JSON.parse(fs.readFileSync(path.join(state, "baseline.json"), "utf8")) as { snapshot: { matrix: { view: string } } };
    expect(baseline.snapshot.matrix.view).toBe("admin");
  });
});

describe("the web app's member-view scan is partial too", () => {
  it("runScan records it partial with the member view's gaps, and that is the last scan the Overview shows", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-member-db-"));
    process.env.VIGIL_DATA_DIR = data;
    process.env.DATABASE_URL = path.join(data, "db");
    const { getDb, closeDb } = await import("@/lib/db/client");
    const { runScan } = await import("@/lib/scan/run-scan");
    const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
    const { getScanHistory } = await import("@/lib/views/overview");
    try {
      const outcome = await runScan(getDb(), scanConfigFromFile(path.join(outDir, "member-matrix.yaml"), { NODE_ENV: "test" }), {
        trigger: "test",
      });
      expect(outcome.collected.status).toBe("partial");
      // What the Overview's "Last scan" card renders: the status badge, and the errors under "why the scan is partial".
      const { latest } = await getScanHistory();
      expect(latest).toMatchObject({ id: outcome.scanId, status: "partial" });
      expect(latest?.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ scope: "rooms not joined", message: expect.stringMatching(/not a server admin/) }),
          expect.objectContaining({ scope: "device last-seen times" }),
        ]),
      );
      // A partial scan is never the rules' baseline: the next scan still has none to compare identities with.
      const again = await runScan(getDb(), scanConfigFromFile(path.join(outDir, "member-matrix.yaml"), { NODE_ENV: "test" }), {
        trigger: "test",
      });
      const identity = again.evaluation.results.filter((r) => r.check === "MX-IDENTITY-CHANGED");
      expect(identity.length).toBeGreaterThan(0);
      expect(identity.every((r) => r.result.status === "unknown")).toBe(true);
    } finally {
      await closeDb();
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});

describe("no secret in anything the CLI produces", () => {
  const produced = (r: { out: string; err: string }, state: string) =>
    [r.out, r.err, ...(fs.existsSync(state) ? fs.readdirSync(state) : []).map((f) => fs.readFileSync(path.join(state, f), "utf8"))].join(
      "\n",
    );

  it("a token with a line break, a non-Latin-1 character, or one that is merely wrong: exit 3, no findings, never echoed", async () => {
    const real = tb.matrix.auditor.accessToken;
    // The character the test put at position 13 is named by kind and place, never shown.
    const why = (what: string) => new RegExp(`cannot be sent in an HTTP header: it contains ${what} at position 13 of`);
    const wrong = `syt_${Buffer.from("cistate").toString("base64url")}_ValidLookingButWrongToken_1a2b3c`;
    const cases = [
      { name: "newline", token: `${real.slice(0, 12)}\n${real.slice(12)}`, message: why("a line break") },
      { name: "non-latin1", token: `${real.slice(0, 12)}€${real.slice(12)}`, message: why("a non-ASCII character") },
      { name: "wrong", token: wrong, message: /M_UNKNOWN_TOKEN/ },
    ];
    for (const c of cases) {
      const config = path.join(outDir, `token-${c.name}.yaml`);
      fs.writeFileSync(config, YAML.stringify({ homeserver: { baseUrl: tb.matrix.homeserver.baseUrl, accessToken: c.token } }));
      const state = path.join(outDir, `state-token-${c.name}`);
      for (const format of ["json", "table", "sarif"]) {
        const r = await vigil("scan", "--config", config, "--format", format, "--fail-on", "low", "--state", state);
        expect(r.code, `${c.name} ${format}`).toBe(3);
        const everything = produced(r, state);
        // Neither the token nor any long piece of it (the real token's halves, the wrong token's body).
        for (const piece of [c.token, c.token.slice(0, 12), c.token.slice(13), real])
          expect(everything, `${c.name} ${format}`).not.toContain(piece);
        expect(everything).toMatch(c.message);
        if (format === "json") expect(r.report().findings).toEqual([]);
      }
      expect(fs.readdirSync(state)).toEqual([]);
    }
  });
});
