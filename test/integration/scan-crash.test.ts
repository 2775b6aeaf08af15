/**
 * kill -9 mid-scan, recovered without a manual step (#14), on PGlite and (with VIGIL_TEST_POSTGRES_URL)
 * PostgreSQL. A real worker process scans the real test bed; the test SIGKILLs it while it reads the
 * homeserver, while it probes the mesh (the process writes progress to the database throughout) and as it writes the
 * scan's record (all of the record or none of it). Then a worker in this process, started as the server's would be, must find the
 * orphan: the killed scan is failed with the reason, its job runs again and succeeds, and the last
 * complete snapshot and every open finding from before the kill are intact.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-crash-it-"));
process.env.VIGIL_DATA_DIR = data;
const LEASE_MS = 2_000;
const pgUrl = process.env.VIGIL_TEST_POSTGRES_URL;
const backends = [{ name: "PGlite", url: path.join(data, "db") }, ...(pgUrl ? [{ name: "PostgreSQL", url: pgUrl }] : [])];

const { getDb, closeDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { requestScan, scanJobHandler } = await import("@/lib/scan/scan-job");
const { SCAN_JOB } = await import("@/lib/scan/schedule");
const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
const { failOrphanedScans } = await import("@/lib/scan/recover-scans");
const { createWorker } = await import("@/lib/jobs/worker");
const { readSnapshot } = await import("@/lib/snapshot/read-snapshot");

let tb: Testbed;
beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(data, "testbed") });
}, 600_000);
afterAll(async () => {
  await closeDb();
  await tb?.stop();
});

async function useBackend(url: string): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = url;
  if (url.startsWith("postgres")) {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await c.end();
  }
}

/** Starts the worker process and SIGKILLs it on the first log line whose scan stage matches `stage`. */
async function killWorkerAt(url: string, stage: RegExp): Promise<{ killedAt: string; lines: number }> {
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would not reach.
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/scan-worker-process.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_CONFIG: tb.configPath,
      VIGIL_LOG_LEVEL: "debug",
      VIGIL_LOG_FILE: "",
      VIGIL_TEST_LEASE_MS: String(LEASE_MS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  let lines = 0;
  const killedAt = await new Promise<string>((resolve, reject) => {
    const bound = setTimeout(() => reject(new Error(`the worker never reached a stage matching ${stage}`)), 120_000);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      lines++;
      const entry = JSON.parse(line) as { msg?: string; stage?: string };
      if (entry.msg === "scan stage" && entry.stage && stage.test(entry.stage)) {
        child.kill("SIGKILL");
        clearTimeout(bound);
        resolve(entry.stage);
      }
    });
    child.on("exit", () => reject(new Error("the worker exited before it was killed")));
  });
  expect(await exited).toBe("SIGKILL");
  return { killedAt, lines };
}

const openFindingKeys = async () =>
  (await getDb().finding.findMany({ where: { status: "open" }, select: { check: true, subjectType: true, subjectId: true } }))
    .map((f) => `${f.check}|${f.subjectType}|${f.subjectId}`)
    .sort();

describe.each(backends)("kill -9 mid-scan on $name", ({ name, url }) => {
  const exclusive = name === "PGlite";
  let before: { snapshotId: string; findings: string[] };

  beforeAll(async () => {
    await useBackend(url);
    const outcome = await runScan(getDb(), scanConfigFromFile(tb.configPath, { NODE_ENV: "test" }), { trigger: "test" });
    expect(outcome.collected.status).toBe("complete");
    const snap = await getDb().snapshot.findFirstOrThrow({ where: { scanId: outcome.scanId } });
    before = { snapshotId: snap.id, findings: await openFindingKeys() };
    expect(before.findings.length).toBeGreaterThan(5);
  }, 240_000);

  /** Queues a manual scan, SIGKILLs the worker process at `stage`, then recovers and runs the job as the server's start would. */
  async function killAndRecover(stage: RegExp, attempts: number[] = [2]) {
    const asked = await requestScan(getDb(), { trigger: "manual", actor: "crash-test@example.org" });
    expect(asked.outcome).toBe("queued");
    if (exclusive) await closeDb(); // PGlite: one process per folder; the worker process takes it
    const { killedAt } = await killWorkerAt(url, stage);
    expect(killedAt).toMatch(stage);

    // What the server's start does: recover (immediately on PGlite, after one lease on PostgreSQL), then run the job.
    const db = getDb();
    const worker = createWorker({
      db,
      start: false,
      exclusive,
      leaseMs: LEASE_MS,
      handlers: { [SCAN_JOB]: scanJobHandler(db, async () => scanConfigFromFile(tb.configPath, { NODE_ENV: "test" })) },
      beforeTick: async () => void (await failOrphanedScans(db, { exclusive, leaseMs: LEASE_MS })),
    });
    const deadline = Date.now() + 90_000;
    let job = await db.job.findUniqueOrThrow({ where: { id: asked.jobId } });
    while (job.status !== "done" && Date.now() < deadline) {
      await worker.drain();
      job = await db.job.findUniqueOrThrow({ where: { id: asked.jobId } });
      if (job.status !== "done") await new Promise((r) => setTimeout(r, 250));
    }
    expect(job.status).toBe("done");
    expect(attempts).toContain(job.attempts);
    const [retry, killed] = await db.scan.findMany({ where: { trigger: "manual" }, orderBy: { startedAt: "desc" }, take: 2 });
    return { db, retry, killed, attempts: job.attempts };
  }

  for (const [when, stage] of [
    ["while it reads the homeserver", /^matrix$/],
    ["while it probes the mesh", /^mesh$/],
  ] as const) {
    it(`${when}: the scan is failed with the reason, nothing else changes, and the job runs again and succeeds`, async () => {
      const { db, retry, killed } = await killAndRecover(stage);

      expect(retry?.status).toBe("complete");
      // Failed by the lease recovery, with the reason; it wrote no snapshot and touched no finding.
      expect(killed?.status).toBe("failed");
      expect(JSON.stringify(killed?.errors)).toMatch(
        /Vigil stopped during this scan: the worker running it \(.+\) last renewed its lease at .* The scan is queued again/,
      );
      expect(await db.snapshot.count({ where: { scanId: killed?.id } })).toBe(0);
      expect(await db.finding.count({ where: { lastScanId: killed?.id } })).toBe(0);
      // The complete snapshot from before the kill reads back whole; every finding open then is open now.
      const snap = await db.snapshot.findUniqueOrThrow({ where: { id: before.snapshotId } });
      expect(readSnapshot(snap.data, snap.id)).not.toBeInstanceOf(Error);
      expect(await openFindingKeys()).toEqual(before.findings);
      expect(await db.scan.count({ where: { status: "running" } })).toBe(0);
    }, 240_000);
  }

  // The kill is sent on the line logged just before the record's transaction. On the small test bed the write takes
  // milliseconds, so the kill lands before the commit, between the commit and the job's end, or after both: a race,
  // not a chosen instant. Whichever it hit, the folder must reopen with all of the record or none of it.
  it("as it writes the scan's record: all of it or none of it is stored, the database reopens, and the job ends complete", async () => {
    const outcome = await killAndRecover(/^record$/, [1, 2]);
    const { db } = outcome;
    // One attempt: the job had finished before the kill (no retry scan). Two: the retry is the newest scan.
    const [retry, killed] = outcome.attempts === 1 ? [undefined, outcome.retry] : [outcome.retry, outcome.killed];
    if (retry) expect(retry.status).toBe("complete");
    const rows = await db.snapshot.findMany({ where: { scanId: killed?.id } });
    if (killed?.status === "failed") {
      // The kill landed before the transaction committed: nothing of it is stored.
      expect(rows).toHaveLength(0);
      expect(await db.finding.count({ where: { lastScanId: killed.id } })).toBe(0);
    } else {
      // It committed just before the kill: the whole record, readable, with every room row the scan counted.
      expect(killed?.status).toBe("complete");
      const [row] = rows;
      if (!row) throw new Error("a complete scan without its snapshot");
      expect(readSnapshot(row.data, row.id)).not.toBeInstanceOf(Error);
      const counts = killed?.counts as { rooms?: number } | null;
      expect(await db.roomRow.count({ where: { snapshotId: row.id } })).toBe(counts?.rooms);
    }
    for (const id of [before.snapshotId, ...(await db.snapshot.findMany({ select: { id: true } })).map((r) => r.id)]) {
      const snap = await db.snapshot.findUniqueOrThrow({ where: { id } });
      expect(readSnapshot(snap.data, snap.id)).not.toBeInstanceOf(Error);
    }
    expect(await openFindingKeys()).toEqual(before.findings);
    expect(await db.scan.count({ where: { status: "running" } })).toBe(0);
  }, 240_000);
});
