/**
 * A bookkeeping write retried across a short database outage. When PostgreSQL restarts (or a connection is cut) just
 * as a job or scan ends, the write saying how it ended fails once; without a retry the row kept saying "running"
 * until a lease ran out, and a job's own worker never took it back (test/integration/postgres-restart.test.ts).
 * Only for writes that are safe to repeat: the conditional updates that settle a job or a scan.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RetryWriteOptions {
  /** Attempts in all; default 6 (0.25 + 0.5 + 1 + 2 + 4 s between them: a fast restart is over well before). */
  attempts?: number;
  firstDelayMs?: number;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (err: unknown, attempt: number) => void;
}

export async function retryWrite<T>(write: () => Promise<T>, opts: RetryWriteOptions = {}): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 6);
  const first = opts.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts) throw err;
      opts.onRetry?.(err, attempt);
      await sleep(first * 2 ** (attempt - 1));
    }
  }
}
