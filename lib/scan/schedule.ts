/**
 * Scheduled scans. An admin sets Setting "scan.schedule" to an interval in
 * minutes (0 = off); each worker turn makes sure exactly one `scan` job waits
 * for the next due time. Scans never overlap: runScan refuses a second one
 * (ScanInProgressError), and a scheduled run that meets a running scan is
 * recorded as skipped, with the reason, instead of queuing behind it.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { runScan, ScanInProgressError } from "./run-scan";
import type { ScanConfig } from "./scan-config";
import { enqueueUnlessPending } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";

export const SCHEDULE_SETTING = "scan.schedule";
export const SCAN_JOB = "scan";

/** Interval minutes: 0 (off) up to a week. */
export const ScheduleMinutes = z.coerce
  .number("The interval must be a number of minutes.")
  .int("Whole minutes only.")
  .min(0, "The interval cannot be negative; 0 turns the schedule off.")
  .max(7 * 24 * 60, "At most one week (10080 minutes).");

/** The configured interval in minutes; 0 when unset or unreadable. Stored as a number or { minutes }. */
export async function readScheduleMinutes(db: Pick<PrismaClient, "setting">): Promise<number> {
  const raw = (await db.setting.findUnique({ where: { key: SCHEDULE_SETTING } }))?.value;
  const parsed = ScheduleMinutes.safeParse(typeof raw === "object" && raw !== null && "minutes" in raw ? raw.minutes : raw);
  return parsed.success ? parsed.data : 0;
}

/**
 * Brings the queue in line with the schedule: off → drop the waiting scan job;
 * on → one job due one interval after the last scheduled (or any) scan, pulled
 * forward if the interval was shortened.
 */
export async function syncSchedule(db: PrismaClient, now: Date = new Date()): Promise<void> {
  const minutes = await readScheduleMinutes(db);
  if (minutes === 0) {
    await db.job.deleteMany({ where: { kind: SCAN_JOB, status: "queued" } });
    return;
  }
  const intervalMs = minutes * 60_000;
  const lastJob = await db.job.findFirst({ where: { kind: SCAN_JOB, status: { not: "queued" } }, orderBy: { runAt: "desc" } });
  const lastScan = lastJob ? undefined : await db.scan.findFirst({ orderBy: { startedAt: "desc" } });
  const base = lastJob?.runAt ?? lastScan?.startedAt;
  const due = new Date(Math.max(now.getTime(), base ? base.getTime() + intervalMs : now.getTime()));
  await enqueueUnlessPending(db, SCAN_JOB, { trigger: "schedule" }, due);
  await db.job.updateMany({ where: { kind: SCAN_JOB, status: "queued", runAt: { gt: due } }, data: { runAt: due } });
}

/** Runs a scheduled scan; skipped, with the reason, when another is running or nothing is connected. */
export function scanJobHandler(db: PrismaClient, config: () => Promise<ScanConfig>): JobHandler {
  return {
    // A failed scan is recorded as a failed Scan; the next interval is the retry.
    maxAttempts: 1,
    run: async () => {
      const c = await config();
      if (!c.homeserver && !c.mesh) return { skipped: "nothing to scan: no homeserver or mesh is connected" };
      try {
        await runScan(db, c, { trigger: "schedule" });
      } catch (err) {
        if (err instanceof ScanInProgressError) {
          const msg = `skipped: scan ${err.scanId} was still running`;
          console.info(`[schedule] ${msg}`);
          return { skipped: msg };
        }
        throw err;
      }
    },
  };
}
