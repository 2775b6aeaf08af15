/**
 * `vigil scan` end to end, as CI would run it: the real Synapse test bed and a
 * fresh loopback mesh, one config file, no web server, no database. The JSON
 * findings must equal the test bed's ground truth exactly (Matrix and mesh),
 * and --fail-on must turn them into exit codes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/run-cli";
import type { CheckCoverage } from "@/lib/rules/evaluate";
import { findingKey, type Finding } from "@/lib/rules/types";
import { BOT_CHECKS, deriveBotResults } from "@/scripts/testbed/fleet/ground-truth";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";
import { closedPort } from "../support/closed-port";

let tb: Testbed;
let outDir: string;

async function vigil(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
    env: { NODE_ENV: "test" },
  });
  return { code, out, err };
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), "vigil-cli-it-"));
  tb = await startTestbed({ outDir });
});

afterAll(async () => {
  await tb?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("vigil scan --format json", () => {
  it("reports exactly the seeded faults: no misses, no extras", async () => {
    const { code, out } = await vigil("scan", "--config", tb.configPath, "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      scan: { status: string; errors: unknown[] };
      findings: (Finding & { evidence: object })[];
      coverage: { checks: CheckCoverage[] };
    };
    expect(report.scan.errors).toEqual([]);
    expect(report.scan.status).toBe("complete");
    const got = report.findings.map((f) => findingKey(f)).sort();
    const want = tb.groundTruth.map((g) => findingKey(g as never)).sort();
    expect(got).toEqual(want);
    for (const f of report.findings) expect(Object.keys(f.evidence).length, `${f.check} carries evidence`).toBeGreaterThan(0);
    const plaintext = report.findings.find((f) => f.check === "MX-ROOM-PLAINTEXT");
    expect(plaintext).toMatchObject({ severity: "critical", subject: { type: "room", id: tb.matrix.rooms.plaintext } });
    // The fleet's mautrix bots are declared with their config.yaml, and judged without any posture probe: every
    // HS-BOT-* result is the derived pass or fail (the fails are in the ground truth above), none unknown.
    const bots = deriveBotResults();
    expect(bots.length).toBeGreaterThan(0);
    const botCoverage = BOT_CHECKS.map((check) => {
      const mine = bots.filter((b) => b.check === check);
      const failed = mine.filter((b) => b.status === "fail").length;
      return { check, examined: mine.length, passed: mine.length - failed, failed, unknown: 0 };
    });
    expect(report.coverage.checks.filter((c) => c.check.startsWith("HS-BOT-"))).toEqual(botCoverage);
  });

  it("exits 1 on --fail-on when a finding at or above it is open, 0 otherwise", async () => {
    expect((await vigil("scan", "--config", tb.configPath, "--format", "json", "--fail-on", "critical")).code).toBe(1);
    // A config with only the healthy mesh endpoints has no finding at all.
    const healthy = tb.mesh.endpoints.filter((e) => e.fault === "healthy");
    const file = path.join(outDir, "healthy.yaml");
    const mesh = path.join(outDir, "mesh");
    await writeFile(
      file,
      `mesh:\n  caFile: ${mesh}/ca.pem\n  clientCertFile: ${mesh}/auditor.pem\n  clientKeyFile: ${mesh}/auditor-key.pem\n  endpoints:\n` +
        healthy.map((e) => `    - endpoint: ${e.endpoint}\n      spiffeId: ${e.spiffeId}\n`).join(""),
    );
    const clean = await vigil("scan", "--config", file, "--format", "table", "--fail-on", "low");
    expect(clean.out).toMatch(/No findings/);
    expect(clean.code).toBe(0);
  });
});

describe("bad input gets a clear message and exit code 2", () => {
  it("an unknown key names file, line and key", async () => {
    const file = path.join(outDir, "bad.yaml");
    await writeFile(file, "homeserver:\n  baseUrl: http://127.0.0.1:1\n  tokn: x\n");
    const r = await vigil("scan", "--config", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:1: homeserver: unknown key tokn/);
  });

  it("a missing config file says where it looked", async () => {
    const r = await vigil("scan", "--config", path.join(outDir, "nope.yaml"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.yaml: not found/);
  });

  it("a client key that does not match its certificate is named", async () => {
    const file = path.join(outDir, "mismatch.yaml");
    const mesh = path.join(outDir, "mesh");
    await writeFile(
      file,
      `mesh:\n  caFile: ${mesh}/ca.pem\n  clientCertFile: ${mesh}/auditor.pem\n  clientKeyFile: ${mesh}/rogue-ca.pem\n`,
    );
    const r = await vigil("scan", "--config", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mesh: Client key: not a readable private key/);
  });

  it("an unreachable homeserver fails the scan with exit 3 and says so", async () => {
    const file = path.join(outDir, "down.yaml");
    const port = await closedPort();
    await writeFile(file, `homeserver:\n  baseUrl: http://127.0.0.1:${port}\n  accessToken: syt_x\n`);
    const r = await vigil("scan", "--config", file, "--format", "json");
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out) as { scan: { status: string; errors: { scope: string; message: string }[] } };
    expect(report.scan.status).toBe("failed");
    expect(report.scan.errors[0]).toMatchObject({
      scope: `http://127.0.0.1:${port}`,
      message: expect.stringMatching(/ECONNREFUSED|refused/i),
    });
  });

  it("a rejected token fails the scan naming M_UNKNOWN_TOKEN", async () => {
    const file = path.join(outDir, "token.yaml");
    await writeFile(file, `homeserver:\n  baseUrl: ${tb.matrix.homeserver.baseUrl}\n  accessToken: syt_not_valid\n`);
    const r = await vigil("scan", "--config", file, "--format", "json");
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/M_UNKNOWN_TOKEN/);
  });
});
