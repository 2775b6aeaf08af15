/**
 * Faults injected into real components (#14), on a real PGlite database with real scans: a homeserver that stalls
 * mid-response (the per-request and the per-scan time limit, each named in the error), a mesh endpoint that resets
 * mid-handshake, and a full disk (a 1 MB tmpfs) under an evidence export. In every case the last complete snapshot
 * and every open finding survive, no finding is resolved by the faulty scan, and the next scan succeeds.
 * (kill -9 of Vigil itself mid-scan: scan-crash.test.ts; SIGTERM: server-lifecycle.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaf, makePki } from "@/test/support/mesh-pki";
import { listenOnLoopback, type Closer } from "@/test/support/loopback-server";

const root = mkdtempSync(path.join(os.tmpdir(), "vigil-faults-it-"));
process.env.VIGIL_DATA_DIR = root;
process.env.DATABASE_URL = path.join(root, "db");
// Every log line of this file's scans, exports and deliveries lands here; the last test greps it for the secrets.
const logFile = path.join(root, "vigil.log");
process.env.VIGIL_LOG_FILE = logFile;
const TOKEN = "syt_ZmF1bHRz_RWNob2VkQmFja1Rva2Vu_3kQp9z";
const WEBHOOK_SECRET_PATH = "services/T0FAULTS/B0FAULTS/webhook-path-secret-faults";

const { closeDb, getDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
const { ExportAbandonedError, startEvidenceExport } = await import("@/lib/evidence/export-evidence");
const { parseEvidenceParams } = await import("@/lib/evidence/request-params");
const { createWebhook } = await import("@/lib/alerts/webhooks");
const { DELIVER_JOB, deliveryHandler } = await import("@/lib/alerts/deliver");
const { AFTER_SCAN_JOB, afterScanHandler } = await import("@/lib/scan/after-scan");
const { createWorker } = await import("@/lib/jobs/worker");
type ScanConfig = import("@/lib/scan/scan-config").ScanConfig;

const closers: Closer[] = [];
const listen = (server: net.Server) => listenOnLoopback(server, closers);

let healthy: ScanConfig;
let stallUrl: string;
let echoUrl: string;
let clientKeyPem: string;
let resetEndpoint: string;
let before: { snapshotId: string; findings: string[] };

const openFindings = async () =>
  (await getDb().finding.findMany({ where: { status: "open" }, select: { check: true, subjectType: true, subjectId: true } }))
    .map((f) => `${f.check}|${f.subjectType}|${f.subjectId}`)
    .sort();

beforeAll(async () => {
  const pki = await makePki();
  // Two mesh endpoints with faults of their own (expired; no client certificate asked), so findings are open.
  const expired = await leaf(pki, "agent-expired", {
    notBefore: new Date(Date.now() - 48 * 3600e3),
    notAfter: new Date(Date.now() - 3600e3),
  });
  const endpoint = async (opts: tls.TlsOptions) => {
    const server = tls.createServer(opts, (s) =>
      s.on("error", () => {}).end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"),
    );
    return listen(server);
  };
  const expiredAt = await endpoint({ cert: expired.fullChainPem, key: expired.keyPem, requestCert: true, rejectUnauthorized: false });
  const healthyLeaf = await leaf(pki, "agent-open");
  const openAt = await endpoint({ cert: healthyLeaf.fullChainPem, key: healthyLeaf.keyPem });
  // A homeserver that sends its headers and the first bytes of a body, then nothing.
  const stalled: http.ServerResponse[] = [];
  const stall = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"user_id": "@aud');
    stalled.push(res);
  });
  closers.push(() => stalled.forEach((r) => r.destroy()));
  stallUrl = `http://${await listen(stall)}`;
  // A hostile homeserver quoting back whatever credential it was sent, as a Matrix error and as a 502 page.
  const echo = http.createServer((req, res) => {
    const sent = req.headers.authorization ?? "";
    if (!req.url?.includes("whoami")) return void res.writeHead(502).end(`<html><title>proxy error for ${sent}</title></html>`);
    res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errcode: "M_UNKNOWN_TOKEN", error: `bad ${sent}` }));
  });
  echoUrl = `http://${await listen(echo)}`;
  // A webhook receiver at a secret path that resets every delivery.
  const receiver = await listen(net.createServer((sock) => sock.on("error", () => {}).once("data", () => sock.resetAndDestroy())));
  await createWebhook(
    getDb(),
    { name: "ops", url: `http://${receiver}/${WEBHOOK_SECRET_PATH}`, events: ["finding.new", "drift"], minSeverity: "info" },
    "faults-test@example.org",
  );
  clientKeyPem = pki.auditor.keyPem;
  // An endpoint that accepts the connection, reads the ClientHello and resets (RST) mid-handshake.
  resetEndpoint = await listen(net.createServer((s) => s.on("error", () => {}).once("data", () => s.resetAndDestroy())));

  const file = (n: string, text: string) => writeFileSync(path.join(root, n), text, { mode: 0o600 });
  file("ca.pem", pki.ca.certPem);
  file("auditor.pem", pki.auditor.certPem);
  file("auditor-key.pem", pki.auditor.keyPem);
  file(
    "vigil.config.yaml",
    [
      "mesh:",
      "  caFile: ca.pem",
      "  clientCertFile: auditor.pem",
      "  clientKeyFile: auditor-key.pem",
      `  endpoints: [{ endpoint: "${expiredAt}", agent: agent-expired }, { endpoint: "${openAt}", agent: agent-open }]`,
      "",
    ].join("\n"),
  );
  healthy = scanConfigFromFile(path.join(root, "vigil.config.yaml"), { NODE_ENV: "test" });

  const first = await runScan(getDb(), healthy, { trigger: "test" });
  expect(first.collected.status).toBe("complete");
  const snap = await getDb().snapshot.findFirstOrThrow({ where: { scanId: first.scanId } });
  before = { snapshotId: snap.id, findings: await openFindings() };
  expect(before.findings).toEqual(
    expect.arrayContaining([expect.stringMatching(/^MESH-CERT-EXPIRED\|/), expect.stringMatching(/^MESH-MTLS-NOT-ENFORCED\|/)]),
  );
}, 120_000);

afterAll(async () => {
  await closeDb();
  for (const close of closers.reverse()) await close();
  rmSync(root, { recursive: true, force: true });
});

/** What every fault must leave: the complete snapshot, every open finding, nothing resolved; then a clean scan. */
async function expectNothingLost(faultyScanId: string): Promise<void> {
  const db = getDb();
  const latestComplete = await db.snapshot.findFirstOrThrow({ where: { status: "complete" }, orderBy: { takenAt: "desc" } });
  expect(latestComplete.id).toBe(before.snapshotId);
  expect(await openFindings()).toEqual(before.findings);
  expect(await db.finding.count({ where: { status: "resolved" } })).toBe(0);
  expect(await db.scan.count({ where: { status: "running" } })).toBe(0);
  const next = await runScan(db, healthy, { trigger: "test" });
  expect(next.collected.status).toBe("complete");
  expect(next.scanId).not.toBe(faultyScanId);
  expect(await openFindings()).toEqual(before.findings);
  // The clean scan is the new last complete one: later cases compare with it.
  before.snapshotId = (await db.snapshot.findFirstOrThrow({ where: { scanId: next.scanId } })).id;
}

const scanErrors = async (scanId: string) => JSON.stringify((await getDb().scan.findUniqueOrThrow({ where: { id: scanId } })).errors);

describe("faults", () => {
  it("a homeserver that stalls mid-response: the per-request time limit is named, the scan is partial, nothing is lost", async () => {
    const config: ScanConfig = {
      ...healthy,
      homeserver: { baseUrl: stallUrl, accessToken: "syt_fault_token" },
      limits: { requestMs: 1_000 },
    };
    const started = Date.now();
    const outcome = await runScan(getDb(), config, { trigger: "test" });
    // Three attempts of one second, with backoff between: bounded, not stuck.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(outcome.collected.status).toBe("partial");
    expect(await scanErrors(outcome.scanId)).toMatch(
      /GET \/_matrix\/client\/v3\/account\/whoami: no complete answer within 1 s \(the per-request time limit\), 3 attempt\(s\)/,
    );
    await expectNothingLost(outcome.scanId);
  }, 60_000);

  it("a homeserver that stalls longer than the scan may take: the per-scan time limit is named, the scan failed, nothing lost", async () => {
    const config: ScanConfig = {
      ...healthy,
      homeserver: { baseUrl: stallUrl, accessToken: "syt_fault_token" },
      limits: { requestMs: 60_000, scanMs: 2_000 },
    };
    const started = Date.now();
    const outcome = await runScan(getDb(), config, { trigger: "test" });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The limit is the whole scan's: once it is spent no source gets more time, so nothing was read and the scan failed.
    expect(outcome.collected.status).toBe("failed");
    expect(await scanErrors(outcome.scanId)).toMatch(
      /reading the homeserver did not finish within the scan's time limit \(2 s\); nothing it read was kept/,
    );
    await expectNothingLost(outcome.scanId);
  }, 60_000);

  it("a mesh endpoint that resets mid-handshake is recorded as such, and the other endpoints' findings stand", async () => {
    const extra = { endpoint: resetEndpoint, agent: "agent-reset" };
    const mesh = healthy.mesh;
    if (!mesh) throw new Error("the healthy config has a mesh");
    const outcome = await runScan(getDb(), { ...healthy, mesh: { ...mesh, endpoints: [...mesh.endpoints, extra] } }, { trigger: "test" });
    expect(outcome.collected.status).not.toBe("failed");
    const reset = outcome.collected.snapshot.mesh?.endpoints.find((e) => e.endpoint === resetEndpoint);
    expect(reset?.error).toMatch(/ECONNRESET|socket hang up|reset/i);
    // The two original endpoints were probed and judged as before.
    for (const key of before.findings)
      expect(
        await getDb().finding.findFirst({ where: { status: "open", lastScanId: outcome.scanId, check: key.split("|")[0] } }),
      ).not.toBeNull();
    const db = getDb();
    expect(await db.finding.count({ where: { status: "resolved" } })).toBe(0);
    // The reset endpoint's own verdicts are this scan's news, not a loss: drop them before the common checks.
    await db.finding.deleteMany({ where: { subjectId: { contains: resetEndpoint } } });
    before.snapshotId = (await db.snapshot.findFirstOrThrow({ where: { scanId: outcome.scanId } })).id;
    await expectNothingLost(outcome.scanId);
  }, 60_000);

  it("a full disk during evidence export: a clear error, and no bundle recorded as exported", async (ctx) => {
    const mount = path.join(root, "full");
    mkdirSync(mount);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", mount]);
    } catch {
      ctx.skip(); // no privilege to mount here: nothing to say about a full disk
    }
    closers.push(() => void execFileSync("umount", ["-l", mount]));
    const db = getDb();
    const exportsBefore = await db.evidenceExport.count();
    const parsed = parseEvidenceParams(() => undefined);
    if (!parsed.ok) throw new Error(parsed.error);
    const { request, frameworks } = parsed.params;
    const started = await startEvidenceExport(db, { request, frameworks, generatedBy: "faults-test@example.org", pdf: false });
    const target = path.join(mount, started.fileName);
    const wrote = pipeline(started.stream, createWriteStream(target));
    await expect(wrote).rejects.toThrow(/ENOSPC|no space left/i);
    // The export itself ends with a clear error within a bound, never hangs on a reader that is gone.
    const settled = await Promise.race([
      started.done.then(
        () => "done",
        (e: unknown) => e,
      ),
      new Promise((r) => setTimeout(() => r("hung"), 15_000)),
    ]);
    expect(settled).toBeInstanceOf(ExportAbandonedError);
    expect(String((settled as Error).message)).toMatch(
      /^the evidence bundle could not be delivered: .*(ENOSPC|no space left).*; it is not recorded as exported$/,
    );
    expect(await db.evidenceExport.count()).toBe(exportsBefore);
    expect(readdirSync(mount).length).toBeLessThanOrEqual(1);
    await expectNothingLost("none");
  }, 60_000);
  it("a hostile homeserver echoing the token, and webhook deliveries to a secret path: no log line holds a secret", async () => {
    const config: ScanConfig = { ...healthy, homeserver: { baseUrl: echoUrl, accessToken: TOKEN } };
    const outcome = await runScan(getDb(), config, { trigger: "test" });
    expect(outcome.collected.status).toBe("partial");
    expect(await scanErrors(outcome.scanId)).not.toContain(TOKEN.slice(4));
    await expectNothingLost(outcome.scanId);
    // Scoring, alerts and deliveries, as the server's worker runs them (each delivery fails: the receiver resets).
    const db = getDb();
    const worker = createWorker({
      db,
      start: false,
      handlers: {
        [AFTER_SCAN_JOB]: afterScanHandler(db),
        [DELIVER_JOB]: deliveryHandler(db, { timeoutMs: 2_000, maxAttempts: 1, backoffMs: [1] }),
      },
    });
    await worker.drain();
    await worker.drain();
    expect(await db.webhookDelivery.count({ where: { status: "failed" } })).toBeGreaterThan(0);

    const text = readFileSync(logFile, "utf8");
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The file is the structured log of everything above: scans with their ids and durations, the export's failure.
    expect(
      lines.filter((l) => l.msg === "scan recorded" && typeof l.scanId === "string" && typeof l.durationMs === "number").length,
    ).toBeGreaterThan(5);
    expect(lines.some((l) => l.msg === "webhook delivery failed; giving up")).toBe(true);
    // The hostile homeserver's answer, token and all, reached the log as the reason the scan was partial: redacted.
    const hostile = lines.find((l) => l.scanId === outcome.scanId && l.msg === "scan recorded");
    expect(JSON.stringify(hostile?.errors)).toMatch(
      /matrix http:\/\/127\.0\.0\.1:\d+: the access token was rejected \(M_UNKNOWN_TOKEN\): bad Bearer \[redacted\]/,
    );
    const keyBody = clientKeyPem
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join("");
    for (const secret of [TOKEN, TOKEN.slice(4), keyBody.slice(0, 32), keyBody.slice(-32), WEBHOOK_SECRET_PATH, "T0FAULTS"]) {
      expect(text).not.toContain(secret);
    }
  }, 60_000);
});
