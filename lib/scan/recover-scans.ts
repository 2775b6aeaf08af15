/**
 * Scans whose process died. A Scan row is "running" only while some worker holds the lease on the
 * job that runs it (lib/jobs/worker.ts); when that worker dies the row would say "running" forever
 * and refuse every later scan. Recovery fails it with the reason, so the Overview tells the truth
 * and the next scan can start. Failing a scan changes nothing else: it opens and resolves no
 * finding and never replaces the last complete snapshot (run-scan.ts settles only running scans).
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { log } from "../log";
import { SCAN_JOB } from "./schedule";
import { scanRunningHere } from "./run-scan";

type Db = Pick<PrismaClient, "scan" | "job">;

/** Marks `scanId` failed with `reason` if it is still running; true when it was. */
export async function failRunningScan(db: Db, scanId: string, reason: string): Promise<boolean> {
  const r = await db.scan.updateMany({
    where: { id: scanId, status: "running" },
    data: { status: "failed", finishedAt: new Date(), stage: "failed", errors: [{ source: "vigil", scope: "scan", message: reason }] },
  });
  if (r.count === 1) log.warn({ scanId }, `scan failed by recovery: ${reason}`);
  return r.count === 1;
}

/** The scan a job's payload names (written by the scan job once its row exists). */
export function scanIdOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || !("scanId" in payload)) return undefined;
  return typeof payload.scanId === "string" ? payload.scanId : undefined;
}

/**
 * Fails every running scan that no running job names and this process is not running. A scan whose job is still
 * marked running, lease expired or not, is left to the worker's lease recovery, which fails it with the worker and the
 * time it was last heard from and queues it again: which of the two got there first was a race. `exclusive`
 * (embedded database: no other process can be scanning) decides at once; otherwise a scan must be older than one
 * lease, so a scan whose job has not yet recorded its id is not mistaken for an orphan.
 */
export async function failOrphanedScans(db: Db, opts: { exclusive: boolean; leaseMs: number }): Promise<string[]> {
  const running = await db.scan.findMany({ where: { status: "running" }, select: { id: true, startedAt: true } });
  if (running.length === 0) return [];
  const liveCutoff = new Date(Date.now() - opts.leaseMs);
  const jobs = await db.job.findMany({ where: { kind: SCAN_JOB, status: "running" }, select: { payload: true } });
  const held = new Set(jobs.map((j) => scanIdOf(j.payload)));
  const here = scanRunningHere();
  const failed: string[] = [];
  for (const scan of running) {
    if (held.has(scan.id) || scan.id === here) continue;
    if (!opts.exclusive && scan.startedAt >= liveCutoff) continue;
    const reason =
      "Vigil stopped while this scan ran (the process was killed or lost); nothing it read was recorded. " +
      "The last complete snapshot and every open finding stand; the next scan starts normally.";
    if (await failRunningScan(db, scan.id, reason)) failed.push(scan.id);
  }
  return failed;
}
