/**
 * The queue on the embedded database (PGlite, or PostgreSQL with
 * VIGIL_TEST_POSTGRES_URL): SKIP LOCKED claiming, retries
 * with backoff, leases (renewed, lost, recovered) and the "one pending scan" guard.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-jobs-"));
process.env.VIGIL_DATA_DIR = data;
// PGlite by default; the same tests on a PostgreSQL server when one is given
// (disposable: its public schema is wiped), where claims really run in parallel.
const pgUrl = process.env.VIGIL_TEST_POSTGRES_URL;
process.env.DATABASE_URL = pgUrl ?? path.join(data, "db");
if (pgUrl) {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await c.end();
}
const { getDb, closeDb } = await import("../db/client");
const { enqueue, enqueueUnlessPending, claimNext, renewLease, backoffDelay, pruneFinished } = await import("./queue");
const { createWorker, JobGaveUpError } = await import("./worker");

const db = getDb();
afterAll(() => closeDb());
beforeEach(async () => {
  await db.job.deleteMany();
});

describe(`job queue on ${pgUrl ? "PostgreSQL" : "PGlite"}`, () => {
  it("claims due jobs oldest first, once each, and leaves future ones", async () => {
    const later = await enqueue(db, "t", { n: 3 }, new Date(Date.now() + 60_000));
    const second = await enqueue(db, "t", { n: 2 }, new Date(Date.now() - 1_000));
    const first = await enqueue(db, "t", { n: 1 }, new Date(Date.now() - 2_000));
    const a = await claimNext(db, "w1");
    const b = await claimNext(db, "w2");
    expect([a?.id, b?.id]).toEqual([first, second]);
    expect(a).toMatchObject({ status: "running", lockedBy: "w1", attempts: 1, payload: { n: 1 } });
    expect(await claimNext(db, "w3")).toBeUndefined();
    expect((await db.job.findUniqueOrThrow({ where: { id: later } })).status).toBe("queued");
  });

  it("two concurrent claimers never take the same job", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, n) => enqueue(db, "t", { n })));
    const claims = await Promise.all(Array.from({ length: 14 }, (_, i) => claimNext(db, `w${i}`)));
    const ids = claims.flatMap((c) => (c ? [c.id] : []));
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it("a throwing handler is retried on its backoff, then failed with the error", async () => {
    const id = await enqueue(db, "flaky");
    let calls = 0;
    const worker = createWorker({
      db,
      start: false,
      handlers: {
        flaky: {
          maxAttempts: 3,
          backoffMs: [0],
          run: async () => {
            calls++;
            throw new Error(`boom ${calls}`);
          },
        },
      },
    });
    for (let i = 0; i < 5; i++) await worker.drain();
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(calls).toBe(3);
    expect(job).toMatchObject({ status: "failed", attempts: 3, lastError: "boom 3" });
  });

  it("a handler can skip a job and say why; an unknown kind fails with a clear message", async () => {
    const skip = await enqueue(db, "skipper");
    const unknown = await enqueue(db, "nobody-handles-this");
    const worker = createWorker({ db, start: false, handlers: { skipper: { run: async () => ({ skipped: "nothing to do" }) } } });
    await worker.drain();
    expect(await db.job.findUniqueOrThrow({ where: { id: skip } })).toMatchObject({ status: "skipped", lastError: "nothing to do" });
    expect(await db.job.findUniqueOrThrow({ where: { id: unknown } })).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining('no handler for job kind "nobody-handles-this"'),
    });
  });

  it("a job whose worker stopped renewing its lease is told to its handler, then requeued while attempts remain", async () => {
    const id = await enqueue(db, "t");
    await claimNext(db, "dead-worker");
    expect(await renewLease(db, id, "dead-worker")).toBe(true);
    expect(await renewLease(db, id, "someone-else")).toBe(false);
    await db.job.update({ where: { id }, data: { lockedAt: new Date(Date.now() - 3_600_000) } });
    const told: string[] = [];
    let runs = 0;
    const handler = {
      maxAttempts: 2,
      run: async () => void runs++,
      onLeaseLost: async (job: { id: string; lostBy: string | null }, reason: string) =>
        void told.push(`${job.id} ${job.lostBy} ${reason}`),
    };
    await createWorker({ db, start: false, leaseMs: 60_000, workerId: "w", handlers: { t: handler } }).drain();
    expect(told).toEqual([
      expect.stringMatching(new RegExp(`^${id} dead-worker the worker running it \\(dead-worker\\) last renewed its lease at `)),
    ]);
    expect(runs).toBe(1); // requeued and run again in the same turn
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", attempts: 2 });
    // The dead worker, were it only slow, can no longer settle the job it lost.
    expect(await renewLease(db, id, "dead-worker")).toBe(false);
  });

  it("a lost job with no attempt left fails with the reason; a live lease is left alone", async () => {
    const lost = await enqueue(db, "t");
    await claimNext(db, "dead-worker");
    await db.job.update({ where: { id: lost }, data: { lockedAt: new Date(Date.now() - 120_000) } });
    const live = await enqueue(db, "u");
    await claimNext(db, "busy-worker");
    await createWorker({ db, start: false, leaseMs: 60_000, handlers: { t: { maxAttempts: 1, run: async () => {} } } }).drain();
    expect(await db.job.findUniqueOrThrow({ where: { id: lost } })).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/^lost: the worker running it \(dead-worker\) last renewed its lease at .* and is presumed dead$/),
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: live } })).toMatchObject({ status: "running", lockedBy: "busy-worker" });
  });

  it("a job its own worker could not settle (the database was down as it ended) is taken back by that worker", async () => {
    const id = await enqueue(db, "t");
    await claimNext(db, "w");
    // The worker's last write failed, so the row still says running, locked by "w", and nobody renews the lease.
    await db.job.update({ where: { id }, data: { lockedAt: new Date(Date.now() - 120_000) } });
    let runs = 0;
    await createWorker({ db, start: false, leaseMs: 60_000, workerId: "w", handlers: { t: { run: async () => void runs++ } } }).drain();
    expect(runs).toBe(1);
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", attempts: 2 });
  });

  it("exclusive (embedded database): at start every running job is lost at once, without waiting out its lease", async () => {
    const id = await enqueue(db, "t");
    await claimNext(db, "previous-process");
    const worker = createWorker({
      db,
      start: false,
      exclusive: true,
      leaseMs: 3_600_000,
      handlers: { t: { maxAttempts: 1, run: async () => {} } },
    });
    await worker.drain();
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/previous-process/),
    });
  });

  it("a worker renews the lease while its handler runs, and a handler that gives up is not retried", async () => {
    const slow = await enqueue(db, "slow");
    const gaveUp = await enqueue(db, "gives-up", {}, new Date(Date.now() + 50));
    const seen: (Date | null)[] = [];
    const worker = createWorker({
      db,
      start: false,
      leaseMs: 300,
      handlers: {
        "slow": {
          run: async () => {
            for (let i = 0; i < 3; i++) {
              await new Promise((r) => setTimeout(r, 200));
              seen.push((await db.job.findUniqueOrThrow({ where: { id: slow } })).lockedAt);
            }
          },
        },
        "gives-up": {
          maxAttempts: 5,
          run: async () => {
            throw new JobGaveUpError("recorded elsewhere");
          },
        },
      },
    });
    await worker.drain();
    const times = seen.map((d) => d?.getTime() ?? 0);
    expect(times[2]).toBeGreaterThan(times[0] ?? Infinity);
    expect(await db.job.findUniqueOrThrow({ where: { id: gaveUp } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "recorded elsewhere",
    });
  });

  it("enqueueUnlessPending adds at most one pending job of a kind", async () => {
    const results = await Promise.all([1, 2, 3].map(() => enqueueUnlessPending(db, "scan", {}, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.job.count({ where: { kind: "scan" } })).toBe(1);
  });

  it("prunes old done and skipped jobs, keeps failed ones and recent ones", async () => {
    const old = new Date(Date.now() - 10 * 86_400_000);
    const [done, skipped, failed, recent] = await Promise.all([
      db.job.create({ data: { kind: "t", status: "done", runAt: old } }),
      db.job.create({ data: { kind: "t", status: "skipped", runAt: old } }),
      db.job.create({ data: { kind: "t", status: "failed", runAt: old } }),
      db.job.create({ data: { kind: "t", status: "done" } }),
    ]);
    expect(await pruneFinished(db, 7 * 86_400_000)).toBe(2);
    const left = (await db.job.findMany()).map((j) => j.id).sort();
    expect(left).toEqual([failed.id, recent.id].sort());
    expect(left).not.toContain(done.id);
    expect(left).not.toContain(skipped.id);
  });

  it("backoff follows the schedule and repeats its last step", () => {
    const s = [10, 60, 300];
    expect([1, 2, 3, 4, 9].map((a) => backoffDelay(a, s))).toEqual([10, 60, 300, 300, 300]);
  });
});
