/**
 * The loop that runs queued jobs. One per web-server process (started from
 * lib/startup.ts); more processes simply share the queue. A handler that
 * throws is retried on its own backoff schedule up to its attempt limit, then
 * the job is marked failed with the error — never dropped.
 *
 * Leases: while a handler runs, its worker renews the job's lease (lockedAt)
 * every third of `leaseMs`. A worker that dies (kill -9, lost machine) stops
 * renewing; the next worker turn anywhere finds the lease expired, tells the
 * handler (onLeaseLost: a scan marks its Scan row failed with the reason) and
 * requeues the job while attempts remain, else fails it. On an embedded
 * database only this process can run jobs, so at start every running job is
 * lost at once (`exclusive`), with no lease to wait out.
 */
import os from "node:os";
import type { PrismaClient } from "../../generated/prisma/client";
import { log } from "../log";
import { backoffDelay, claimNext, fail, finish, renewLease, takeLostJobs, type JobRow, type LostJob } from "./queue";
import { retryWrite } from "./retry-write";

/** What a handler may say besides succeeding: the job was deliberately not run. */
export type HandlerResult = void | { skipped: string };

/** Thrown by a handler: the job failed and must not be retried (the failure is already recorded elsewhere). */
export class JobGaveUpError extends Error {
  override name = "JobGaveUpError";
}

export interface JobHandler {
  run(payload: unknown, job: JobRow): Promise<HandlerResult>;
  /** Attempts before the job is marked failed; default 5. A job whose worker died used an attempt. */
  maxAttempts?: number;
  /** Delay before attempt n+1, in ms; default 10 s, 1 min, 5 min. */
  backoffMs?: readonly number[];
  /** The worker running `job` died or hung; record what that means (before the job is requeued or failed). */
  onLeaseLost?(job: LostJob, reason: string): Promise<void>;
}

export interface WorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** A running job whose lease was not renewed for this long is presumed lost; default 30 s. */
  leaseMs?: number;
  /** This process is the only one that can run jobs (embedded database): at start, every running job is lost. */
  exclusive?: boolean;
  workerId?: string;
  /** Called once per loop turn before claiming (the scheduler hooks in here). */
  beforeTick?: () => Promise<void>;
}

export interface Worker {
  readonly id: string;
  /** Runs due jobs until none is left; returns how many ran. Tests drive the queue with this. */
  drain(): Promise<number>;
  /** Looks for due jobs now instead of at the next poll (a manual scan was queued). */
  wake(): void;
  /**
   * Stops polling and waits for the job in hand, at most `timeoutMs` (default: no bound). True when it
   * settled; false when it was still running at the bound (the caller records that and exits).
   */
  stop(timeoutMs?: number): Promise<boolean>;
  /** The job being run, if any. */
  current(): JobRow | undefined;
}

const DEFAULT_BACKOFF = [10_000, 60_000, 300_000] as const;
export const DEFAULT_LEASE_MS = 30_000;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs one claimed job through its handler, renewing its lease, and records the outcome. */
async function runJob(db: PrismaClient, handlers: Record<string, JobHandler>, job: JobRow, owner: string, leaseMs: number): Promise<void> {
  const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
  const handler = handlers[job.kind];
  if (!handler) {
    await fail(db, job.id, `no handler for job kind "${job.kind}" in this process`, undefined, owner);
    return;
  }
  const renew = setInterval(
    () => {
      renewLease(db, job.id, owner)
        .then((held) => held || jobLog.warn("lease lost: another worker took this job over; its outcome will not be recorded here"))
        .catch((err: unknown) => jobLog.warn({ err }, "could not renew the lease"));
    },
    Math.max(Math.floor(leaseMs / 3), 50),
  );
  const started = Date.now();
  // How the job ended is written even across a short database outage (a restart as the job ends): else the job
  // would stay "running", and a scan request would join it forever.
  const settle = (write: () => Promise<boolean>) =>
    retryWrite(write, { onRetry: (err, n) => jobLog.warn({ err, attempt: n }, "recording how the job ended failed; retrying") });
  try {
    const result = await handler.run(job.payload, job);
    if (result && "skipped" in result) await settle(() => finish(db, job.id, "skipped", result.skipped, owner));
    else await settle(() => finish(db, job.id, "done", undefined, owner));
    jobLog.info({ durationMs: Date.now() - started, skipped: result ? result.skipped : undefined }, "job finished");
  } catch (err) {
    const message = messageOf(err);
    const max = handler.maxAttempts ?? 5;
    const retry = job.attempts < max && !(err instanceof JobGaveUpError);
    const retryAt = retry ? new Date(Date.now() + backoffDelay(job.attempts, handler.backoffMs ?? DEFAULT_BACKOFF)) : undefined;
    await settle(() => fail(db, job.id, message, retryAt, owner));
    jobLog.error(
      { err, durationMs: Date.now() - started, maxAttempts: max, retryAt },
      retryAt ? "job failed; will retry" : "job failed; giving up",
    );
  } finally {
    clearInterval(renew);
  }
}

/** Settles every job whose lease expired before `cutoff`: the handler records the loss, then requeue or fail. */
async function recoverLostJobs(
  db: PrismaClient,
  handlers: Record<string, JobHandler>,
  cutoff: Date,
  recoverer: string,
  runningHere: string | undefined,
): Promise<number> {
  const lost = await takeLostJobs(db, cutoff, recoverer, runningHere);
  for (const job of lost) {
    const handler = handlers[job.kind];
    const when = job.lostAt ? `last renewed its lease at ${job.lostAt.toISOString()}` : "never renewed its lease";
    const reason = `the worker running it (${job.lostBy ?? "unknown"}) ${when} and is presumed dead`;
    try {
      await handler?.onLeaseLost?.(job, reason);
    } catch (err) {
      log.error({ err, jobId: job.id, kind: job.kind }, "recording a lost job failed; the job is settled anyway");
    }
    const retry = job.attempts < (handler?.maxAttempts ?? 5);
    await fail(db, job.id, `lost: ${reason}`, retry ? new Date() : undefined, recoverer);
    log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, lostBy: job.lostBy, requeued: retry }, `job lost: ${reason}`);
  }
  return lost.length;
}

/**
 * Creates a worker. With `start: false` nothing polls: call drain() yourself
 * (tests). Otherwise it polls every `pollMs` until stop().
 */
export function createWorker(opts: WorkerOptions & { start?: boolean }): Worker {
  const id = opts.workerId ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const pollMs = opts.pollMs ?? 2_000;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let firstTurn = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;
  let current: JobRow | undefined;

  const drain = async (): Promise<number> => {
    // Exclusive (embedded database): at start nobody else can be running a job, so none needs its lease waited out.
    const cutoff = firstTurn && opts.exclusive ? new Date(Date.now() + 1_000) : new Date(Date.now() - leaseMs);
    firstTurn = false;
    await recoverLostJobs(opts.db, opts.handlers, cutoff, id, current?.id);
    await opts.beforeTick?.();
    let ran = 0;
    while (!stopped || opts.start === false) {
      const job = await claimNext(opts.db, id);
      if (!job) break;
      current = job;
      try {
        await runJob(opts.db, opts.handlers, job, id, leaseMs);
      } finally {
        current = undefined;
      }
      ran++;
    }
    return ran;
  };

  const loop = () => {
    timer = undefined;
    if (stopped || inFlight) return;
    inFlight = drain()
      .catch((err: unknown) => log.error({ err, workerId: id }, "worker turn failed"))
      .finally(() => {
        inFlight = undefined;
        if (!stopped) timer = setTimeout(loop, pollMs);
      });
  };
  if (opts.start !== false) timer = setTimeout(loop, 0);

  return {
    id,
    drain,
    current: () => current,
    wake() {
      if (stopped || opts.start === false || inFlight) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(loop, 0);
    },
    async stop(timeoutMs?: number) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (!inFlight) return true;
      if (timeoutMs === undefined) {
        await inFlight;
        return true;
      }
      let bound: NodeJS.Timeout | undefined;
      const settled = await Promise.race([
        inFlight.then(() => true),
        new Promise<boolean>((resolve) => (bound = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(bound);
      return settled;
    },
  };
}
