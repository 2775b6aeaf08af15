/**
 * The server process's life (#14), with real processes (test/support/server-process.ts runs lib/startup.ts as the
 * web server does) on a real PGlite folder, a real TLS mesh endpoint on loopback and a hostile homeserver:
 * - a second instance on a locked data folder exits non-zero with one clear line;
 * - SIGTERM during a scan lets it finish when it can, and fails it with the reason at the 20 s bound when it cannot,
 *   requeued: the next start runs it with nobody asking again;
 * - the logs of all of it (JSON lines) never contain the test secrets: the homeserver token (which the hostile
 *   homeserver echoes back in its errors), the mesh client key, and the secret path of a webhook URL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaf, makePki, type TestPki } from "@/test/support/mesh-pki";
import { listenOnLoopback, type Closer } from "@/test/support/loopback-server";
import { startServerProcess as startServer } from "@/test/support/run-server-process";

const root = mkdtempSync(path.join(os.tmpdir(), "vigil-lifecycle-it-"));
const TOKEN = "syt_bGlmZWN5Y2xl_QmFkU2VjcmV0VG9rZW5WYWx1ZQ_2xYz9k";
const WEBHOOK_SECRET_PATH = "hooks/T0SECRET/B0SECRET/xoxb-lifecycle-webhook-secret";

const { closeDb, getDb } = await import("@/lib/db/client");
const { createWebhook } = await import("@/lib/alerts/webhooks");
const { resetEnv } = await import("@/lib/env");

const closers: Closer[] = [];
/** Every line any server process wrote, for the secrets check at the end. */
const allOutput: string[] = [];

const startServerProcess = (dataDir: string, configPath: string, env: Record<string, string> = {}) =>
  startServer({ dataDir, configPath, env, closers, onOutput: (raw) => allOutput.push(raw) });

let pki: TestPki;
let homeserverUrl: string;
let answeringEndpoint: string;
let silentEndpoint: string;
let webhookUrl: string;

const listen = (server: net.Server) => listenOnLoopback(server, closers);

beforeAll(async () => {
  pki = await makePki();
  // A hostile homeserver: it speaks Matrix, then refuses the token quoting it back (the connection test must log that redacted).
  const hs = http.createServer((req, res) => {
    const sent = req.headers.authorization ?? "(none)";
    if (req.url?.startsWith("/_matrix/client/versions")) {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ versions: ["v1.11"] }));
    }
    res
      .writeHead(401, { "content-type": "application/json" })
      .end(JSON.stringify({ errcode: "M_UNKNOWN_TOKEN", error: `unknown ${sent}` }));
  });
  homeserverUrl = `http://${await listen(hs)}`;
  // A mesh endpoint whose certificate has expired (a critical finding, so alerts go out), answering after 1.5 s.
  const expired = await leaf(pki, "agent-expired", {
    notBefore: new Date(Date.now() - 48 * 3600e3),
    notAfter: new Date(Date.now() - 3600e3),
  });
  const tlsServer = tls.createServer(
    { cert: expired.fullChainPem, key: expired.keyPem, requestCert: true, rejectUnauthorized: false },
    (s) => {
      s.on("error", () => {});
      setTimeout(() => s.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"), 1_500);
    },
  );
  answeringEndpoint = await listen(tlsServer);
  // An endpoint that accepts connections and never says a word.
  const held: net.Socket[] = [];
  const silent = net.createServer((s) => void held.push(s.on("error", () => {})));
  closers.push(() => held.forEach((s) => s.destroy()));
  silentEndpoint = await listen(silent);
  // A webhook receiver at a secret path that always fails, so deliveries are retried and logged.
  const receiver = http.createServer((_req, res) => void res.writeHead(500).end("down"));
  webhookUrl = `http://${await listen(receiver)}/${WEBHOOK_SECRET_PATH}`;
});

afterAll(async () => {
  await closeDb();
  for (const close of closers.reverse()) await close();
  rmSync(root, { recursive: true, force: true });
});

/** A data folder with a config file naming the hostile homeserver, the mesh (one endpoint) and a policy. */
function dataFolder(name: string, endpoint: string, probeTimeoutMs: number): { dataDir: string; configPath: string } {
  const dataDir = path.join(root, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = (n: string, text: string) => writeFileSync(path.join(dataDir, n), text, { mode: 0o600 });
  file("token", TOKEN);
  file("ca.pem", pki.ca.certPem);
  file("auditor.pem", pki.auditor.certPem);
  file("auditor-key.pem", pki.auditor.keyPem);
  file("policy.yaml", `mesh:\n  probeTimeoutMs: ${probeTimeoutMs}\n`);
  file(
    "vigil.config.yaml",
    [
      `homeserver: { baseUrl: "${homeserverUrl}", accessTokenFile: token }`,
      "mesh:",
      "  caFile: ca.pem",
      "  clientCertFile: auditor.pem",
      "  clientKeyFile: auditor-key.pem",
      `  endpoints: [{ endpoint: "${endpoint}", agent: agent-expired }]`,
      "policy: policy.yaml",
      "",
    ].join("\n"),
  );
  return { dataDir, configPath: path.join(dataDir, "vigil.config.yaml") };
}

/** Opens the folder's database in this process (the server must have exited: one process per folder). */
async function openFolder(dataDir: string) {
  await closeDb();
  process.env.VIGIL_DATA_DIR = dataDir;
  process.env.DATABASE_URL = path.join(dataDir, "db");
  resetEnv();
  return getDb();
}

const isStage = (stage: string) => (l: Record<string, unknown>) => l.msg === "scan stage" && l.stage === stage;

describe("the server process", () => {
  it("a second instance on a locked data folder exits non-zero with one clear line, and the first keeps running", async () => {
    const { dataDir, configPath } = dataFolder("locked", answeringEndpoint, 3_000);
    const first = startServerProcess(dataDir, configPath);
    await first.waitFor((l) => l.msg === "test server started", 150_000);
    const second = startServerProcess(dataDir, configPath);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr).toHaveLength(1);
    expect(second.stderr[0]).toMatch(
      /^vigil: cannot start: The embedded database .* is in use by process \d+\. PGlite allows one process per folder/,
    );
    expect(first.child.exitCode).toBeNull();
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
  }, 240_000);

  it("SIGTERM mid-scan lets a scan that can finish finish, then exits 0", async () => {
    const { dataDir, configPath } = dataFolder("finishes", answeringEndpoint, 3_000);
    // A webhook at a secret path, for the alerts this scan's expired certificate raises.
    const db = await openFolder(dataDir);
    await createWebhook(db, { name: "ops", url: webhookUrl, events: ["finding.new"], minSeverity: "low" }, "lifecycle-test@example.org");
    await closeDb();
    const server = startServerProcess(dataDir, configPath, { VIGIL_TEST_REQUEST_SCAN: "1" });
    await server.waitFor(isStage("mesh"), 150_000);
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(20_000);
    expect(server.lines.find((l) => l.msg === "stopped cleanly")).toMatchObject({ signal: "SIGTERM", settled: true });

    const after = await openFolder(dataDir);
    const scans = await after.scan.findMany();
    expect(scans).toHaveLength(1);
    // The homeserver refused the token, so it was never saved: a mesh-only scan, complete.
    expect(scans[0]).toMatchObject({ status: "complete", stage: "done" });
    expect(await after.finding.count({ where: { check: "MESH-CERT-EXPIRED", status: "open" } })).toBe(1);
    expect(await after.job.count({ where: { status: "running" } })).toBe(0);
  }, 240_000);

  // Once flaky (the scan sometimes never started): the worker's first turn synced the schedule, which was off, and
  // deleted every queued scan job — the one just asked for too (lib/scan/schedule.ts now drops only its own).
  it("SIGTERM mid-scan fails a scan that cannot finish within 20 s, with the reason, and requeues it; exit 0 within the bound", async () => {
    // The endpoint never answers and each probe waits 60 s: the scan outlives the 20 s grace.
    const { dataDir, configPath } = dataFolder("bounded", silentEndpoint, 60_000);
    const server = startServerProcess(dataDir, configPath, { VIGIL_TEST_REQUEST_SCAN: "1" });
    await server.waitFor(isStage("mesh"), 150_000);
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeGreaterThanOrEqual(19_000);
    expect(at - signalled).toBeLessThan(30_000);
    expect(server.lines.find((l) => l.msg === "stopped; the job in hand was failed")).toMatchObject({ settled: false });

    const db = await openFolder(dataDir);
    const [scan] = await db.scan.findMany();
    expect(scan?.status).toBe("failed");
    expect(JSON.stringify(scan?.errors)).toMatch(
      /Vigil was stopped \(SIGTERM\) and the scan job did not finish within 20 s; nothing it read was recorded/,
    );
    expect(await db.snapshot.count()).toBe(0);
    expect(await db.finding.count()).toBe(0);
    const [job] = await db.job.findMany({ where: { kind: "scan" } });
    expect(job).toMatchObject({ status: "queued" });
    await closeDb();

    // Requeued means it runs at the next start, with nobody asking again (the schedule's sync once deleted it there).
    const again = startServerProcess(dataDir, configPath);
    const restarted = await again.waitFor((l) => l.msg === "scan started", 150_000);
    expect(restarted).toMatchObject({ trigger: "manual", actor: "lifecycle-test@example.org" });
    expect(restarted.scanId).not.toBe(scan?.id);
    again.child.kill("SIGKILL"); // its scan would only wait on the silent endpoint again
    await again.exited;
  }, 360_000);

  it("no log line of any of these processes holds the token, the client key or the webhook's secret path", () => {
    const text = allOutput.join("\n");
    expect(text.length).toBeGreaterThan(1_000);
    // The hostile homeserver was asked (and quoted the token back); only Vigil's own words about it were logged.
    expect(text).toMatch(/homeserver: Not saved: The homeserver rejected the token \(M_UNKNOWN_TOKEN\)/);
    const keyBody = pki.auditor.keyPem
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join("");
    for (const secret of [TOKEN, TOKEN.slice(4), keyBody.slice(0, 40), WEBHOOK_SECRET_PATH, "T0SECRET"]) expect(text).not.toContain(secret);
  });
});
