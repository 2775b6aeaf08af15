import "server-only";
/**
 * The web server's wiring, run once at start (instrumentation.ts): the one
 * place that knows every long-lived part. Not during `next build`
 * (instrumentation.ts returns first) and never in the CLI, which does not
 * import this. Long-lived parts are kept on globalThis so dev hot reload does
 * not start a second of each.
 */
import { deliveryHandler, DELIVER_JOB } from "./alerts/deliver";
import { sealLegacyWebhookUrls } from "./alerts/webhooks";
import { announceSetupToken, createFirstAdminFromEnv } from "./auth/first-admin";
import { dbReady, getDb } from "./db";
import { env } from "./env";
import { pruneFinished } from "./jobs/queue";
import { createWorker, type Worker } from "./jobs/worker";
import { AFTER_SCAN_JOB, afterScanHandler } from "./scan/after-scan";
import { scanConfigFromSettings } from "./scan/config-from-settings";
import { scanJobHandler, SCAN_JOB, syncSchedule } from "./scan/schedule";
import { secureStart } from "./security/start-checks";
import { importConfigFile } from "./settings/import-config-file";
import { watchConfigFile, type ConfigFileWatcher } from "./settings/watch-config-file";

const g = globalThis as typeof globalThis & { __vigilWorker?: Worker; __vigilConfigWatcher?: ConfigFileWatcher };

export async function startServer(): Promise<void> {
  env(); // a bad variable fails the start, naming itself
  await secureStart(); // umask 077, data folders 0700 (world-writable: no start), a warning unless served over https
  await dbReady();
  await createFirstAdminFromEnv();
  await announceSetupToken(); // no user yet: /setup needs the one-time token this prints
  await sealLegacyWebhookUrls(getDb()); // webhook URLs from before they were sealed
  const file = await importConfigFile();
  if (file.state === "imported") console.info(`[config] imported ${file.path}`);
  // Re-import on every change from now on; an invalid edit changes nothing and shows in Settings.
  g.__vigilConfigWatcher ??= watchConfigFile(file.path);
  startJobs(); // scheduled scans, alerts, webhook deliveries: web server only, stopped by stopServer()
}

/** Starts the job worker once per process: scheduled scans, after-scan scoring and alerts, webhook deliveries. */
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

/** Stops the config watcher and the worker, letting the job in hand finish (graceful shutdown, tests). */
export async function stopServer(): Promise<void> {
  g.__vigilConfigWatcher?.stop();
  g.__vigilConfigWatcher = undefined;
  const w = g.__vigilWorker;
  g.__vigilWorker = undefined;
  await w?.stop();
}
