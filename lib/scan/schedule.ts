/**
 * Scheduled scans. An admin sets Setting "scan.schedule" to an interval in
 * minutes (0 = off); each worker turn makes sure exactly one `scan` job waits
 * for the next due time. The job itself (manual scans use the same kind) is
 * run by lib/scan/scan-job.ts.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueUnlessPending } from "../jobs/queue";

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
 * Brings the queue in line with the schedule: off → drop the waiting scheduled scan job (never a manual one);
 * on → one job due one interval after the last scheduled (or any) scan, pulled
 * forward if the interval was shortened.
 */
export async function syncSchedule(db: PrismaClient, now: Date = new Date()): Promise<void> {
  const minutes = await readScheduleMinutes(db);
  if (minutes === 0) {
    // Only the schedule's own job: a manual scan asked for between two worker turns (or requeued after a stop) is
    // queued too, and deleting it lost the request silently (the lifecycle test's scan that never started, #14).
    // One statement, so a scheduled job that requestScan turns into a manual one meanwhile is re-checked and kept.
    await db.$executeRaw`
      DELETE FROM "Job" WHERE kind = ${SCAN_JOB} AND status = 'queued' AND coalesce(payload->>'trigger', 'schedule') = 'schedule'`;
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
