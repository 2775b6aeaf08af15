/**
 * Alerts end to end on the real test bed: a scan queues signed webhook
 * deliveries (and nothing else — a receiver never slows a scan), the worker
 * sends them, a receiver doing the documented check accepts them and refuses
 * replays, a dead receiver is retried on the backoff and then marked failed,
 * never dropped. Reopened findings alert again; unchanged ones do not.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-alerts-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");

// Imported after the environment is set: these read it once.
const { getDb, closeDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
const { createWebhook } = await import("@/lib/alerts/webhooks");
const { verifyWebhookSignature, signWebhook } = await import("@/lib/alerts/signature");
const { attemptDelivery, deliveryHandler, retryDeliveryNow, DELIVER_JOB } = await import("@/lib/alerts/deliver");
const { newFindingsForScan } = await import("@/lib/alerts/scan-changes");
const { AFTER_SCAN_JOB, afterScanHandler } = await import("@/lib/scan/after-scan");
const { createWorker } = await import("@/lib/jobs/worker");

const db = getDb();
let tb: Testbed;

/** A receiver that does exactly what lib/alerts/signature.ts tells receivers to do. */
interface Received {
  status: number;
  id: string;
  body: {
    id: string;
    event: string;
    scan: { id: string };
    findings?: { key: string; severity: string; reopened: boolean }[];
    changes?: { total: number; listed: { kind: string }[] };
  };
  raw: string;
  headers: http.IncomingHttpHeaders;
}
const received: Received[] = [];
const seen = new Set<string>();
let secret = "";
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    const id = String(req.headers["vigil-delivery"] ?? "");
    const check = verifyWebhookSignature(secret, req.headers["vigil-signature"] as string | undefined, raw);
    const status = !check.ok ? 401 : seen.has(id) ? 409 : 200;
    if (status === 200) seen.add(id);
    received.push({ status, id, raw, headers: req.headers, body: JSON.parse(raw) as Received["body"] });
    res.writeHead(status).end();
  });
});
let receiverUrl = "";

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

// Short backoff so "retried, then failed" takes a second, not two hours.
const BACKOFF = [150, 300];
const worker = createWorker({
  db,
  start: false,
  handlers: {
    [AFTER_SCAN_JOB]: afterScanHandler(db),
    [DELIVER_JOB]: deliveryHandler(db, { backoffMs: BACKOFF, maxAttempts: 3, timeoutMs: 2_000 }),
  },
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    await worker.drain();
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let goodHook = "";
let deadHook = "";
let config: ReturnType<typeof scanConfigFromFile>;

beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(data, "testbed") });
  config = scanConfigFromFile(tb.configPath, { NODE_ENV: "test" });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`;
  const good = await createWebhook(
    db,
    { name: "receiver", url: receiverUrl, events: ["finding.new", "drift"], minSeverity: "high" },
    "test",
  );
  goodHook = good.id;
  secret = good.secret;
  deadHook = (
    await createWebhook(
      db,
      { name: "down", url: `http://127.0.0.1:${await closedPort()}/`, events: ["finding.new"], minSeverity: "critical" },
      "test",
    )
  ).id;
});
afterAll(async () => {
  receiver.close();
  await tb?.stop();
  await closeDb();
});

describe("webhooks after a real scan", () => {
  let scanId = "";

  // This is what keeps scans fast whatever the receivers do: runScan returns
  // having written rows, and every network call happens later in the worker.
  it("the scan only queues: no delivery is attempted before runScan returns", async () => {
    const outcome = await runScan(db, config, { trigger: "test" });
    scanId = outcome.scanId;
    expect(await db.job.count({ where: { kind: AFTER_SCAN_JOB, status: "queued" } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { attempts: { gt: 0 } } })).toBe(0);
    expect(received).toHaveLength(0);
  });

  it("the receiver gets finding.new for high and critical findings, signed; the secret is sealed at rest", async () => {
    await until("a delivery", async () => received.length > 0);
    const r = received[0];
    expect(r).toBeDefined();
    if (!r) return;
    expect(r.status).toBe(200);
    expect(r.headers["vigil-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(r.body).toMatchObject({ id: r.id, event: "finding.new", scan: { id: scanId } });
    const expected = await db.finding.findMany({ where: { status: "open", severity: { in: ["critical", "high"] } } });
    expect(r.body.findings?.map((f) => f.key).sort()).toEqual(expected.map((f) => f.key).sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(r.body.findings?.every((f) => !f.reopened)).toBe(true);
    const sealed = await db.secret.findUniqueOrThrow({ where: { name: `webhook.${goodHook}` } });
    expect(Buffer.from(sealed.ciphertext).toString("utf8")).not.toContain(secret);
    const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: r.id } });
    expect(d).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200, lastError: null });
    // The score is recorded by the same after-scan job.
    const scan = await db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect((scan.counts as { score?: { overall: number } }).score?.overall).toEqual(expect.any(Number));
  });

  it("a replay is refused: the same delivery id twice, or a stale timestamp", async () => {
    const first = received[0];
    if (!first) throw new Error("no delivery to replay");
    const post = (headers: Record<string, string>) =>
      fetch(receiverUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: first.raw });
    const replay = await post({ "vigil-signature": String(first.headers["vigil-signature"]), "vigil-delivery": first.id });
    expect(replay.status).toBe(409);
    // Correctly signed, but ten minutes old: outside the 300 s tolerance.
    const stale = await post({
      "vigil-signature": signWebhook(secret, first.raw, new Date(Date.now() - 600_000)),
      "vigil-delivery": "other-id",
    });
    expect(stale.status).toBe(401);
    const forged = await post({ "vigil-signature": signWebhook("not-the-secret", first.raw), "vigil-delivery": "forged-id" });
    expect(forged.status).toBe(401);
    expect(
      verifyWebhookSignature(secret, String(first.headers["vigil-signature"]), first.raw, new Date(Date.now() + 600_000)),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
  });

  it("a receiver that is down: pending with retries on the backoff, then failed with the reason, never dropped", async () => {
    const dead = await until("the first failed attempt", () =>
      db.webhookDelivery.findFirst({ where: { webhookId: deadHook, attempts: { gte: 1 } } }).then((d) => d ?? undefined),
    );
    expect(dead).toMatchObject({ status: "pending", lastError: "connection refused", lastStatus: null });
    const failed = await until("failed after max attempts", () =>
      db.webhookDelivery.findFirst({ where: { id: dead.id, status: "failed" } }).then((d) => d ?? undefined),
    );
    expect(failed).toMatchObject({ attempts: 3, lastError: "connection refused" });
    // The gaps follow the backoff: the retries were queued as jobs at nextAttemptAt.
    const jobs = await db.job.findMany({
      where: { kind: DELIVER_JOB, payload: { equals: { deliveryId: dead.id } } },
      orderBy: { runAt: "asc" },
    });
    expect(jobs).toHaveLength(3);
    const gaps = jobs.slice(1).map((j, i) => j.runAt.getTime() - (jobs[i]?.runAt.getTime() ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF[0] ?? 0);
    expect(gaps[1]).toBeGreaterThanOrEqual(BACKOFF[1] ?? 0);
    // Retry now gives it one more attempt (which fails again here).
    expect(await retryDeliveryNow(db, dead.id)).toBe(true);
    await until("the manual retry", () =>
      db.webhookDelivery.findFirst({ where: { id: dead.id, attempts: 4, status: "failed" } }).then((d) => d ?? undefined),
    );
  });

  it("a receiver that never answers is cut off at the per-request timeout", async () => {
    const hanging = http.createServer(() => {});
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}/`;
      const hook = await createWebhook(db, { name: "hangs", url, events: ["drift"], minSeverity: "info" }, "test");
      const d = await db.webhookDelivery.create({ data: { webhookId: hook.id, event: "drift", payload: { id: "x", event: "drift" } } });
      const t0 = Date.now();
      await attemptDelivery(db, d.id, { timeoutMs: 300, maxAttempts: 1, backoffMs: [0] });
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
        status: "failed",
        attempts: 1,
        lastError: "no answer within 0.3 s",
      });
      await db.webhook.update({ where: { id: hook.id }, data: { enabled: false } });
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("an unchanged second scan alerts nobody; a reopened finding alerts again, marked reopened", async () => {
    const before = received.length;
    await runScan(db, config, { trigger: "test" });
    await until("after-scan done", async () => (await db.job.count({ where: { status: { in: ["queued", "running"] } } })) === 0);
    expect(received.slice(before).filter((r) => r.body.event === "finding.new")).toEqual([]);

    // As if a scan had resolved it: out of the open set the next scan compares with.
    const victim = await db.finding.findFirstOrThrow({ where: { status: "open", severity: "critical" } });
    await db.finding.update({ where: { id: victim.id }, data: { status: "resolved", resolvedAt: new Date() } });
    await newFindingsForScan(db, "a-scan-that-resolved-it", new Date(0));
    const mark = received.length;
    await runScan(db, config, { trigger: "test" });
    const got = await until("the reopened alert", async () => received.slice(mark).find((r) => r.body.event === "finding.new"));
    expect(got.body.findings).toEqual([expect.objectContaining({ key: victim.key, severity: "critical", reopened: true })]);
  });

  it("drift: an endpoint gone since the previous complete scan is sent as a drift event", async () => {
    const mesh = config.mesh;
    if (!mesh) throw new Error("the test bed config has a mesh");
    const dropped = mesh.endpoints[0]?.endpoint;
    const mark = received.length;
    await runScan(db, { ...config, mesh: { ...mesh, endpoints: mesh.endpoints.slice(1) } }, { trigger: "test" });
    const got = await until("the drift alert", async () => received.slice(mark).find((r) => r.body.event === "drift"));
    expect(got.status).toBe(200);
    expect(got.body.changes?.total).toBeGreaterThan(0);
    expect(got.body.changes?.listed).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "endpoint-removed", subject: expect.objectContaining({ id: dropped }) })]),
    );
  });
});
