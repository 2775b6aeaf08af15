/**
 * PostgreSQL restarted under a running Vigil (#14 point 3), with real parts only: a PostgreSQL cluster of this test's
 * own (test/support/postgres-cluster.ts; `pg_ctl restart -m fast` terminates every connection), Vigil's server start
 * in a process of its own (lib/startup.ts via test/support/server-process.ts: job worker, leases, recovery) and a
 * loopback TLS mesh whose faults keep findings open. A complete scan is recorded first; then PostgreSQL is restarted
 * while a scan probes the mesh, and again as a scan writes its record. Each time Vigil keeps running, the last complete
 * snapshot and every open finding survive, no finding is resolved, no scan is left running, and the next scan, asked
 * for as the Scan button does, is complete without anyone restarting Vigil.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type Closer } from "@/test/support/loopback-server";
import { leaf, makePki } from "@/test/support/mesh-pki";
import { postgresBin, startPostgresCluster, type PostgresCluster } from "@/test/support/postgres-cluster";
import { startServerProcess, type LogLine, type ServerProcess } from "@/test/support/run-server-process";

const root = mkdtempSync(path.join(os.tmpdir(), "vigil-pg-restart-it-"));
const dataDir = path.join(root, "data");
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
process.env.VIGIL_DATA_DIR = dataDir;

const { closeDb, getDb } = await import("@/lib/db/client");
const { requestScan } = await import("@/lib/scan/scan-job");

const closers: Closer[] = [];
let cluster: PostgresCluster;
let server: ServerProcess;
let before: { snapshotId: string; findings: string[] };

const openFindings = async () =>
  (await getDb().finding.findMany({ where: { status: "open" }, select: { check: true, subjectType: true, subjectId: true } }))
    .map((f) => `${f.check}|${f.subjectType}|${f.subjectId}`)
    .sort();
const latestComplete = async () =>
  (await getDb().snapshot.findFirstOrThrow({ where: { status: "complete" }, orderBy: { takenAt: "desc" } })).id;
/** The restart really fell inside the scan: PostgreSQL's start time lies between the scan's start and its end. */
async function expectRestartedDuring(scanId: string): Promise<void> {
  const [{ started }] = await getDb().$queryRaw<[{ started: Date }]>`SELECT pg_postmaster_start_time() AS started`;
  const scan = await getDb().scan.findUniqueOrThrow({ where: { id: scanId } });
  expect(started.getTime()).toBeGreaterThan(scan.startedAt.getTime());
  expect(started.getTime()).toBeLessThan((scan.finishedAt ?? new Date()).getTime());
}
const ended = (scanId: unknown) => (l: LogLine) => l.scanId === scanId && (l.msg === "scan recorded" || l.msg === "scan failed");

/** Asks for a scan as the Scan button does, and returns the id of the scan the server's worker started for it. */
async function askForScan(actor: string): Promise<string> {
  const asked = await requestScan(getDb(), { trigger: "manual", actor });
  expect(asked.outcome).toBe("queued");
  const started = await server.waitFor((l) => l.msg === "scan started" && l.actor === actor, 60_000);
  expect(typeof started.scanId).toBe("string");
  return String(started.scanId);
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
  closers.push(() => cluster.stop());
  process.env.DATABASE_URL = cluster.url;
  const pki = await makePki();
  // An endpoint whose certificate has expired (MESH-CERT-EXPIRED), answering after 3 s so a scan spends time probing.
  const expired = await leaf(pki, "agent-expired", {
    notBefore: new Date(Date.now() - 48 * 3600e3),
    notAfter: new Date(Date.now() - 3600e3),
  });
  const slow = tls.createServer({ cert: expired.fullChainPem, key: expired.keyPem, requestCert: true, rejectUnauthorized: false }, (s) => {
    s.on("error", () => {});
    setTimeout(() => s.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"), 3_000);
  });
  // An endpoint that asks for no client certificate (MESH-MTLS-NOT-ENFORCED), answering at once.
  const open = await leaf(pki, "agent-open");
  const openServer = tls.createServer({ cert: open.fullChainPem, key: open.keyPem }, (s) =>
    s.on("error", () => {}).end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"),
  );
  const endpoints = [await listenOnLoopback(slow, closers), await listenOnLoopback(openServer as net.Server, closers)];
  const file = (n: string, text: string) => writeFileSync(path.join(dataDir, n), text, { mode: 0o600 });
  file("ca.pem", pki.ca.certPem);
  file("auditor.pem", pki.auditor.certPem);
  file("auditor-key.pem", pki.auditor.keyPem);
  file("policy.yaml", "mesh:\n  probeTimeoutMs: 10000\n");
  file(
    "vigil.config.yaml",
    [
      "mesh:",
      "  caFile: ca.pem",
      "  clientCertFile: auditor.pem",
      "  clientKeyFile: auditor-key.pem",
      `  endpoints: [{ endpoint: "${endpoints[0]}", agent: agent-expired }, { endpoint: "${endpoints[1]}", agent: agent-open }]`,
      "policy: policy.yaml",
      "",
    ].join("\n"),
  );
  server = startServerProcess({
    dataDir,
    configPath: path.join(dataDir, "vigil.config.yaml"),
    env: { DATABASE_URL: cluster.url, VIGIL_TEST_REQUEST_SCAN: "1" },
    closers,
  });
  const first = await server.waitFor((l) => l.msg === "scan recorded" || l.msg === "scan failed", 150_000);
  expect(first).toMatchObject({ msg: "scan recorded", status: "complete" });
  before = { snapshotId: await latestComplete(), findings: await openFindings() };
  expect(before.findings).toEqual(
    expect.arrayContaining([expect.stringMatching(/^MESH-CERT-EXPIRED\|/), expect.stringMatching(/^MESH-MTLS-NOT-ENFORCED\|/)]),
  );
}, 240_000);

afterAll(async () => {
  await closeDb();
  for (const close of closers.reverse()) await close();
  rmSync(root, { recursive: true, force: true });
});

/** Vigil still runs, nothing it knew is lost, no scan is left running, and the next scan is complete without help. */
async function expectRecovered(faultyScanId: string): Promise<void> {
  expect(server.child.exitCode).toBeNull();
  expect(await openFindings()).toEqual(before.findings);
  expect(await getDb().finding.count({ where: { status: "resolved" } })).toBe(0);
  const next = await askForScan(`pg-restart-next-${faultyScanId}@example.org`);
  const end = await server.waitFor(ended(next), 120_000);
  expect(end).toMatchObject({ msg: "scan recorded", status: "complete" });
  expect(await openFindings()).toEqual(before.findings);
  expect(await getDb().finding.count({ where: { status: "resolved" } })).toBe(0);
  expect(await getDb().scan.count({ where: { status: "running" } })).toBe(0);
  before.snapshotId = await latestComplete();
}

describe.skipIf(!postgresBin())("PostgreSQL restarted under a running Vigil", () => {
  it("mid-scan, while the mesh is probed: the pool reconnects and the scan is recorded complete", async () => {
    const scanId = await askForScan("pg-restart-mesh@example.org");
    await server.waitFor((l) => l.msg === "scan stage" && l.scanId === scanId && l.stage === "mesh", 60_000);
    cluster.restart();
    const end = await server.waitFor(ended(scanId), 120_000);
    expect(end).toMatchObject({ msg: "scan recorded", status: "complete" });
    await expectRestartedDuring(scanId);
    expect(await latestComplete()).not.toBe(before.snapshotId); // this scan's snapshot is the last complete one now
    await expectRecovered(scanId);
  }, 300_000);

  it("as the scan writes its record: all of it or none, and a scan that could not be recorded is failed with the reason", async () => {
    const scanId = await askForScan("pg-restart-record@example.org");
    await server.waitFor((l) => l.msg === "scan stage" && l.scanId === scanId && l.stage === "record", 60_000);
    cluster.restart();
    const end = await server.waitFor(ended(scanId), 120_000);
    const row = await getDb().scan.findUniqueOrThrow({ where: { id: scanId } });
    const kept = await getDb().snapshot.count({ where: { scanId } });
    // Which side of the commit the restart lands is a race this test cannot fix; both sides are held to the rules.
    if (end.msg === "scan recorded") {
      expect(row.status).toBe("complete");
      expect(kept).toBe(1);
    } else {
      expect(row.status).toBe("failed");
      expect(JSON.stringify(row.errors)).toMatch(
        /the database failed while the scan was being recorded: .*; nothing of this scan was kept/,
      );
      expect(kept).toBe(0);
      expect(await latestComplete()).toBe(before.snapshotId);
    }
    console.log(`restart during the record: the scan ended ${row.status}`);
    await expectRecovered(scanId);
  }, 300_000);
});
