/**
 * `vigil scan` paths that need no homeserver: a scan that reads nothing, a
 * corrupt state file, usage. The homeserver is a loopback port nobody listens
 * on — a real refused connection, not a stand-in. Scans of a real Synapse are
 * in test/integration/vigil-scan*.test.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test/support/closed-port";
import { runCli } from "./run-cli";
import { LAST_FILE } from "./state-dir";

let dir: string;
let config: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-scan-cmd-"));
  // An agent whose deployed profile turns E2EE off: a registry-only finding, if rules ran.
  fs.writeFileSync(path.join(dir, "agents.yaml"), 'agents:\n  - name: alpha\n    matrixUserId: "@agent-alpha:hs"\n');
  fs.mkdirSync(path.join(dir, "agents"));
  fs.writeFileSync(path.join(dir, "agents/alpha.env"), "MATRIX_USER_ID=@agent-alpha:hs\nMATRIX_E2EE_MODE=off\n");
  config = path.join(dir, "vigil.config.yaml");
  const port = await closedPort();
  const homeserver = `homeserver:\n  baseUrl: http://127.0.0.1:${port}\n  accessToken: syt_dGVzdA_NotARealTokenAtAll_0aB1c2\n`;
  fs.writeFileSync(config, `${homeserver}registry: agents.yaml\nagentProfiles: agents\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function vigil(...argv: string[]) {
  let out = "";
  let err = "";
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, env: { NODE_ENV: "test" as const } };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe("a scan that reads nothing", () => {
  it("exits 3 and reports no finding in any format, not even a registry-only one", async () => {
    const json = await vigil("scan", "--config", config, "--format", "json");
    expect(json.code).toBe(3);
    type Report = { scan: { status: string; errors: { message: string }[] }; findings: unknown[]; coverage: { checks: unknown[] } };
    const report = JSON.parse(json.out) as Report;
    expect(report.scan.status).toBe("failed");
    expect(report.scan.errors[0]?.message).toMatch(/ECONNREFUSED|refused/i);
    expect(report.findings).toEqual([]);
    expect(report.coverage.checks).toEqual([]);
    expect(json.err).toMatch(/the scan failed: nothing could be read, no findings reported/);

    const sarif = await vigil("scan", "--config", config, "--format", "sarif");
    const run = (JSON.parse(sarif.out) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean }[] }[] }).runs[0];
    expect(run?.results).toEqual([]);
    expect(run?.invocations[0]?.executionSuccessful).toBe(false);

    const table = await vigil("scan", "--config", config);
    expect(table.out).toMatch(/No findings reported: the scan failed/);
    expect(table.out).not.toMatch(/REG-E2EE-NOT-REQUIRED/);
  });

  it("never replaces the kept scan: with --state it writes nothing", async () => {
    const state = path.join(dir, "state-failed");
    const r = await vigil("scan", "--config", config, "--format", "json", "--state", state);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({
      state: {
        saved: { replaced: false, why: expect.stringMatching(/this scan is failed/) },
        findings: { notCompared: expect.any(String) },
      },
    });
    expect(fs.readdirSync(state)).toEqual([]);
  });
});

describe("a state directory Vigil cannot trust stops the run before anything is scanned or written", () => {
  it("a corrupt last.json: exit 2 naming it, file untouched", async () => {
    const state = path.join(dir, "state-corrupt");
    fs.mkdirSync(state);
    fs.writeFileSync(path.join(state, LAST_FILE), "not json");
    const r = await vigil("scan", "--config", config, "--state", state);
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toBe(`${path.join(state, LAST_FILE)}: is not valid JSON (corrupt or not written by Vigil); move it away or delete it\n`);
    expect(fs.readFileSync(path.join(state, LAST_FILE), "utf8")).toBe("not json");
  });
});

describe("usage", () => {
  it("--help lists every command and flag", async () => {
    const r = await vigil("--help");
    expect(r.code).toBe(0);
    const words = ["scan", "--config", "--format", "--fail-on", "--accept", "--state", "--require-complete"];
    for (const word of [...words, "baseline accept", "--by", "evidence verify", "--public-key", "--fingerprint"])
      expect(r.out).toContain(word);
    expect((await vigil("scan", "--help")).out).toBe(r.out);
  });

  it("an unknown command or a stray argument is exit 2", async () => {
    expect((await vigil("scna")).code).toBe(2);
    expect((await vigil()).err).toMatch(/^no command given/);
    expect((await vigil("scan", "extra")).err).toMatch(/^unexpected argument extra/);
  });
});
