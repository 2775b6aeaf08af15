/**
 * What follows a recorded scan: its posture score and its alerts. runScan
 * calls afterScan() once the scan's transaction has committed; that only
 * queues a job, so scoring and alerting (and any slow webhook receiver) never
 * add to a scan's duration, and a crash in between loses nothing — the job is
 * in the database.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueScanAlerts } from "../alerts/enqueue-alerts";
import { newFindingsForScan, scanDrift } from "../alerts/scan-changes";
import { enqueue } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";
import { log } from "../log";
import { scoreScan } from "../posture/history";

export const AFTER_SCAN_JOB = "scan.after";

/** Queues the after-scan work. Never throws: a scan that was recorded stays a success. */
export async function afterScan(db: PrismaClient, scanId: string): Promise<void> {
  try {
    await enqueue(db, AFTER_SCAN_JOB, { scanId });
  } catch (err) {
    log.error({ err, scanId }, "could not queue scoring and alerts for a recorded scan");
  }
}

/** Scores the scan into Scan.counts.score, then queues its alerts. Returns how many deliveries were queued. */
export async function processFinishedScan(db: PrismaClient, scanId: string): Promise<number> {
  const scan = await db.scan.findUnique({ where: { id: scanId }, include: { snapshot: { select: { takenAt: true } } } });
  if (!scan || !scan.snapshot || scan.status === "failed" || scan.status === "running") return 0;
  const score = await scoreScan(db, scanId);
  const counts = (scan.counts && typeof scan.counts === "object" && !Array.isArray(scan.counts) ? scan.counts : {}) as Record<
    string,
    unknown
  >;
  await db.scan.update({ where: { id: scanId }, data: { counts: { ...counts, score } as object } });

  const findings = await newFindingsForScan(db, scanId, scan.snapshot.takenAt);
  const drift = await scanDrift(db, scanId);
  const ref = {
    id: scan.id,
    status: scan.status,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
  };
  return enqueueScanAlerts(db, ref, findings, drift);
}

/** The job handler for AFTER_SCAN_JOB. */
export function afterScanHandler(db: PrismaClient): JobHandler {
  return {
    maxAttempts: 3,
    run: async (payload) => {
      const scanId = (payload as { scanId?: unknown } | null)?.scanId;
      if (typeof scanId !== "string") return { skipped: "payload has no scanId" };
      await processFinishedScan(db, scanId);
    },
  };
}
