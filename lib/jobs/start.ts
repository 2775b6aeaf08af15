import "server-only";
/**
 * Starts the job worker in the web server (lib/startup.ts): scheduled scans,
 * after-scan scoring and alerts, webhook deliveries. Not during `next build`
 * (instrumentation.ts returns first) and never in the CLI, which does not
 * import this. Kept on globalThis so dev hot reload does not start a second.
 */
import { deliveryHandler, DELIVER_JOB } from "../alerts/deliver";
import { getDb } from "../db";
import { AFTER_SCAN_JOB, afterScanHandler } from "../scan/after-scan";
import { scanConfigFromSettings } from "../scan/config-from-settings";
import { pruneFinished } from "./queue";
import { scanJobHandler, SCAN_JOB, syncSchedule } from "./schedule";
import { createWorker, type Worker } from "./worker";

const g = globalThis as typeof globalThis & { __vigilWorker?: Worker };

/** Starts the worker once per process; returns it. */
export function startJobs(): Worker {
  if (g.__vigilWorker) return g.__vigilWorker;
  const db = getDb();
  let lastSync = 0;
  g.__vigilWorker = createWorker({
    db,
    pollMs: 2_000,
    handlers: {
      [SCAN_JOB]: scanJobHandler(db, scanConfigFromSettings),
      [AFTER_SCAN_JOB]: afterScanHandler(db),
      [DELIVER_JOB]: deliveryHandler(db),
    },
    // The schedule changes rarely (and its form syncs at once): look every 15 s, not every poll.
    beforeTick: async () => {
      if (Date.now() - lastSync < 15_000) return;
      lastSync = Date.now();
      await syncSchedule(db);
      await pruneFinished(db, 7 * 24 * 3600_000);
    },
  });
  console.info(`[jobs] worker ${g.__vigilWorker.id} started`);
  return g.__vigilWorker;
}

/** Stops the worker, letting the job in hand finish (graceful shutdown, tests). */
export async function stopJobs(): Promise<void> {
  const w = g.__vigilWorker;
  g.__vigilWorker = undefined;
  await w?.stop();
}
