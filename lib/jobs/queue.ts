/**
 * A job queue on the application database, so scheduled scans and webhook
 * deliveries survive restarts and several Vigil instances can share the work.
 * A job is claimed with `FOR UPDATE SKIP LOCKED`: two workers never take the
 * same row, and neither waits on the other. Works the same on PGlite and on
 * PostgreSQL (test/integration/alerts.test.ts runs it on PGlite).
 *
 * No "server-only" here: tests and scripts import it with the plain client.
 */
import type { PrismaClient } from "../../generated/prisma/client";

export type JobStatus = "queued" | "running" | "done" | "failed" | "skipped";

export interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  runAt: Date;
  lockedAt: Date | null;
  lockedBy: string | null;
  attempts: number;
  status: string;
  lastError: string | null;
  createdAt: Date;
}

type Db = Pick<PrismaClient, "job" | "$queryRaw" | "$executeRaw">;

/** Queues `kind` to run at `runAt` (now by default); returns the job id. */
export async function enqueue(db: Db, kind: string, payload: object = {}, runAt: Date = new Date()): Promise<string> {
  const job = await db.job.create({ data: { kind, payload, runAt } });
  return job.id;
}

/**
 * Queues `kind` unless a job of that kind is already queued or running, so two
 * schedulers racing each other add at most one. Returns the
 * new id, or undefined when one was already waiting.
 */
export async function enqueueUnlessPending(
  db: Db & Pick<PrismaClient, "$transaction">,
  kind: string,
  payload: object,
  runAt: Date,
): Promise<string | undefined> {
  // INSERT … WHERE NOT EXISTS alone races under READ COMMITTED: two transactions both
  // see no pending job and both insert. A per-kind advisory lock, held until commit,
  // makes the check and the insert one step across every connection and instance.
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${"vigil.job." + kind}))`;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Job" (id, kind, payload, "runAt", status, attempts, "createdAt")
      SELECT ${cuidLike()}, ${kind}, ${JSON.stringify(payload)}::jsonb, ${runAt}, 'queued', 0, now()
      WHERE NOT EXISTS (SELECT 1 FROM "Job" WHERE kind = ${kind} AND status IN ('queued', 'running'))
      RETURNING id`;
    return rows[0]?.id;
  });
}

/**
 * Takes the oldest due job, marking it running and locked by `workerId`, and
 * counts the attempt. Undefined when nothing is due.
 */
export async function claimNext(db: Db, workerId: string, kinds?: readonly string[]): Promise<JobRow | undefined> {
  const rows = kinds
    ? await db.$queryRaw<JobRow[]>`
        UPDATE "Job" SET status = 'running', "lockedAt" = now(), "lockedBy" = ${workerId}, attempts = attempts + 1
        WHERE id = (SELECT id FROM "Job" WHERE status = 'queued' AND "runAt" <= now() AND kind = ANY(${[...kinds]}::text[])
                    ORDER BY "runAt" FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING *`
    : await db.$queryRaw<JobRow[]>`
        UPDATE "Job" SET status = 'running', "lockedAt" = now(), "lockedBy" = ${workerId}, attempts = attempts + 1
        WHERE id = (SELECT id FROM "Job" WHERE status = 'queued' AND "runAt" <= now()
                    ORDER BY "runAt" FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING *`;
  return rows[0];
}

/**
 * The job finished (done), or was deliberately not run (skipped, with the reason). With `owner`, only
 * while that worker still holds it: a worker whose lease was taken over must not overwrite the recovery.
 */
export async function finish(db: Db, id: string, status: "done" | "skipped" = "done", note?: string, owner?: string): Promise<boolean> {
  const r = await db.job.updateMany({
    where: { id, ...(owner ? { lockedBy: owner, status: "running" } : {}) },
    data: { status, lockedAt: null, lockedBy: null, lastError: note ?? null },
  });
  return r.count === 1;
}

/** A failed attempt: back to the queue at `retryAt`, or failed for good when there is none. `owner` as for finish(). */
export async function fail(db: Db, id: string, error: string, retryAt?: Date, owner?: string): Promise<boolean> {
  const r = await db.job.updateMany({
    where: { id, ...(owner ? { lockedBy: owner, status: "running" } : {}) },
    data: retryAt
      ? { status: "queued", runAt: retryAt, lockedAt: null, lockedBy: null, lastError: error.slice(0, 2000) }
      : { status: "failed", lockedAt: null, lockedBy: null, lastError: error.slice(0, 2000) },
  });
  return r.count === 1;
}

/**
 * The worker running a job renews its lease (lockedAt) while the handler runs. False when the job is no
 * longer this worker's: another worker found the lease expired and took the job over.
 */
export async function renewLease(db: Db, id: string, owner: string): Promise<boolean> {
  const n = await db.$executeRaw`UPDATE "Job" SET "lockedAt" = now() WHERE id = ${id} AND "lockedBy" = ${owner} AND status = 'running'`;
  return n === 1;
}

/** A running job whose lease expired, now held by the recovering worker; `lostBy`/`lostAt` say whose lease and when. */
export type LostJob = JobRow & { lostBy: string | null; lostAt: Date | null };

/**
 * Takes over every running job whose lease was last renewed before `cutoff` (its worker died, or hangs),
 * locking it to `recoverer` so two recovering workers never handle the same one. The caller decides
 * whether each goes back to the queue or fails (see the worker), and settles it with fail(…, recoverer).
 * The recoverer's own jobs count too, all but the one it is running (`runningHere`, whose lease it renews): a job
 * whose end its worker could not write (the database was down just then) is lost like any other, not kept forever.
 */
export async function takeLostJobs(db: Db, cutoff: Date, recoverer: string, runningHere?: string): Promise<LostJob[]> {
  return db.$queryRaw<LostJob[]>`
    WITH lost AS (
      SELECT id, "lockedBy", "lockedAt" FROM "Job"
      WHERE status = 'running' AND ("lockedAt" IS NULL OR "lockedAt" < ${cutoff}) AND id IS DISTINCT FROM ${runningHere ?? null}
      FOR UPDATE SKIP LOCKED)
    UPDATE "Job" j SET "lockedBy" = ${recoverer}, "lockedAt" = now()
    FROM lost WHERE j.id = lost.id
    RETURNING j.*, lost."lockedBy" AS "lostBy", lost."lockedAt" AS "lostAt"`;
}

/**
 * Forgets finished jobs (done, skipped) older than `olderThanMs` so the table
 * stays small. Failed jobs are kept: they are the record of what never ran.
 */
export async function pruneFinished(db: Db, olderThanMs: number): Promise<number> {
  const r = await db.job.deleteMany({ where: { status: { in: ["done", "skipped"] }, runAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return r.count;
}

/** Exponential backoff from a schedule; the last step repeats. `attempt` counts from 1. */
export function backoffDelay(attempt: number, scheduleMs: readonly number[]): number {
  if (scheduleMs.length === 0) return 0;
  return scheduleMs[Math.min(Math.max(attempt, 1), scheduleMs.length) - 1] ?? 0;
}

// Prisma's cuid() default is applied by the client, not the database, so raw
// inserts need their own id: 25 url-safe characters, unique enough for rows.
function cuidLike(): string {
  return "j" + Date.now().toString(36) + crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}
