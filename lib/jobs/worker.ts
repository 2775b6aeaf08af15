/**
 * The loop that runs queued jobs. One per web-server process (started from
 * lib/startup.ts); more processes simply share the queue. A handler that
 * throws is retried on its own backoff schedule up to its attempt limit, then
 * the job is marked failed with the error — never dropped.
 */
import os from "node:os";
import type { PrismaClient } from "../../generated/prisma/client";
import { backoffDelay, claimNext, fail, finish, recoverStale, type JobRow } from "./queue";

/** What a handler may say besides succeeding: the job was deliberately not run. */
export type HandlerResult = void | { skipped: string };

export interface JobHandler {
  run(payload: unknown, job: JobRow): Promise<HandlerResult>;
  /** Attempts before the job is marked failed; default 5. */
  maxAttempts?: number;
  /** Delay before attempt n+1, in ms; default 10 s, 1 min, 5 min. */
  backoffMs?: readonly number[];
}

export interface WorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** A job locked longer than this is presumed abandoned and requeued. */
  staleAfterMs?: number;
  workerId?: string;
  /** Called once per loop turn before claiming (the scheduler hooks in here). */
  beforeTick?: () => Promise<void>;
}

export interface Worker {
  readonly id: string;
  /** Runs due jobs until none is left; returns how many ran. Tests drive the queue with this. */
  drain(): Promise<number>;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF = [10_000, 60_000, 300_000] as const;

/** Runs one claimed job through its handler and records the outcome. */
async function runJob(db: PrismaClient, handlers: Record<string, JobHandler>, job: JobRow): Promise<void> {
  const handler = handlers[job.kind];
  if (!handler) {
    await fail(db, job.id, `no handler for job kind "${job.kind}" in this process`);
    return;
  }
  try {
    const result = await handler.run(job.payload, job);
    if (result && "skipped" in result) await finish(db, job.id, "skipped", result.skipped);
    else await finish(db, job.id, "done");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const max = handler.maxAttempts ?? 5;
    const retryAt = job.attempts < max ? new Date(Date.now() + backoffDelay(job.attempts, handler.backoffMs ?? DEFAULT_BACKOFF)) : undefined;
    await fail(db, job.id, message, retryAt);
    console.error(`[jobs] ${job.kind} ${job.id} attempt ${job.attempts}/${max} failed: ${message}${retryAt ? `; retry at ${retryAt.toISOString()}` : "; giving up"}`);
  }
}

/**
 * Creates a worker. With `start: false` nothing polls: call drain() yourself
 * (tests). Otherwise it polls every `pollMs` until stop().
 */
export function createWorker(opts: WorkerOptions & { start?: boolean }): Worker {
  const id = opts.workerId ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const pollMs = opts.pollMs ?? 2_000;
  const staleAfterMs = opts.staleAfterMs ?? 30 * 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();

  const drain = async (): Promise<number> => {
    await recoverStale(opts.db, staleAfterMs);
    await opts.beforeTick?.();
    let ran = 0;
    while (!stopped || opts.start === false) {
      const job = await claimNext(opts.db, id);
      if (!job) break;
      await runJob(opts.db, opts.handlers, job);
      ran++;
    }
    return ran;
  };

  const loop = () => {
    if (stopped) return;
    inFlight = drain()
      .catch((err: unknown) => console.error("[jobs] worker turn failed:", err instanceof Error ? err.message : err))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, pollMs);
      });
  };
  if (opts.start !== false) timer = setTimeout(loop, 0);

  return {
    id,
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
