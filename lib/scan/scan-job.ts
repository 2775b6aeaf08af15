/**
 * Every scan is a job — manual, scheduled and API alike — so it runs in a worker that holds a
 * renewed lease on it, and a scan whose process dies is found and failed with the reason (lease
 * lost → onLeaseLost) and retried once, instead of staying "running" forever.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { JobGaveUpError, type JobHandler } from "../jobs/worker";
import { log } from "../log";
import { failRunningScan, scanIdOf } from "./recover-scans";
import { collectInThread } from "./collect-in-thread";
import { runScan, ScanInProgressError } from "./run-scan";
import type { ScanConfig } from "./scan-config";
import { SCAN_JOB } from "./schedule";

const ScanJobPayload = z.object({ trigger: z.string().max(40).default("schedule"), actor: z.string().max(320).optional() });

/** What asking for a scan did: queued a new one, or joined the one queued or running (whose id is known once it started). */
export type ScanRequest = { outcome: "queued" | "joined"; jobId: string; scanId: string | null };

/**
 * Asks for a scan now. Joins a scan that is running or already due rather than queuing a second;
 * pulls a scheduled scan that is due later forward (it becomes this request's scan).
 */
export async function requestScan(db: PrismaClient, opts: { trigger: string; actor?: string }): Promise<ScanRequest> {
  const payload = ScanJobPayload.parse({ trigger: opts.trigger, actor: opts.actor });
  return db.$transaction(async (tx) => {
    // The same per-kind lock enqueueUnlessPending takes: a request and the scheduler never both add a scan.
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${"vigil.job." + SCAN_JOB}))`;
    const now = new Date();
    const pending = await tx.job.findFirst({
      where: { kind: SCAN_JOB, status: { in: ["running", "queued"] } },
      orderBy: [{ status: "desc" }, { runAt: "asc" }],
    });
    if (pending && (pending.status === "running" || pending.runAt <= now)) {
      // A requeued job still names the scan its dead worker left; only a running job's scan is this one's.
      return { outcome: "joined", jobId: pending.id, scanId: pending.status === "running" ? (scanIdOf(pending.payload) ?? null) : null };
    }
    if (pending) {
      await tx.job.update({ where: { id: pending.id }, data: { runAt: now, payload } });
      return { outcome: "queued", jobId: pending.id, scanId: null };
    }
    const job = await tx.job.create({ data: { kind: SCAN_JOB, payload, runAt: now } });
    return { outcome: "queued", jobId: job.id, scanId: null };
  });
}

/** The handler for SCAN_JOB: runs the scan; skipped, with the reason, when another is running or nothing is connected. */
export function scanJobHandler(db: PrismaClient, config: () => Promise<ScanConfig>): JobHandler {
  return {
    // Two attempts: the second is for a worker that died mid-scan. A scan that failed on its own is
    // recorded as a failed Scan and not retried here: the next manual or scheduled scan is the retry.
    maxAttempts: 2,
    backoffMs: [5_000],
    run: async (raw, job) => {
      const payload = ScanJobPayload.safeParse(raw ?? {});
      if (!payload.success) return { skipped: `unreadable scan job payload: ${payload.error.issues[0]?.message ?? "invalid"}` };
      const c = await config();
      if (!c.homeserver && !c.mesh) return { skipped: "nothing to scan: no homeserver or mesh is connected" };
      try {
        await runScan(db, c, {
          ...payload.data,
          // Off the server's thread, so pages do not wait behind certificate parsing and verification.
          collect: collectInThread,
          // The job names its scan, so whoever finds this job's lease expired knows which scan to fail.
          onStarted: async (scanId) => {
            await db.job.update({ where: { id: job.id }, data: { payload: { ...payload.data, scanId } } });
          },
        });
      } catch (err) {
        if (err instanceof ScanInProgressError) {
          const msg = `skipped: scan ${err.scanId} was still running`;
          log.info({ jobId: job.id, scanId: err.scanId }, msg);
          return { skipped: msg };
        }
        throw new JobGaveUpError(err instanceof Error ? err.message : String(err), { cause: err });
      }
    },
    onLeaseLost: async (job, reason) => {
      const scanId = scanIdOf(job.payload);
      if (!scanId) return;
      await failRunningScan(
        db,
        scanId,
        `Vigil stopped during this scan: ${reason}. Nothing it read was recorded; the last complete snapshot and every open ` +
          `finding stand.${job.attempts < 2 ? " The scan is queued again." : ""}`,
      );
    },
  };
}
