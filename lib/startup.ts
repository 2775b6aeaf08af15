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
import { closeDb, dbReady, getDb, openDatabaseOnThread } from "./db";
import { parseDatabaseUrl } from "./db/connection";
import { env } from "./env";
import { fail, pruneFinished } from "./jobs/queue";
import { createWorker, DEFAULT_LEASE_MS, type Worker } from "./jobs/worker";
import { log } from "./log";
import { AFTER_SCAN_JOB, afterScanHandler } from "./scan/after-scan";
import { scanConfigFromSettings } from "./scan/config-from-settings";
import { failOrphanedScans, failRunningScan, scanIdOf } from "./scan/recover-scans";
import { scanJobHandler } from "./scan/scan-job";
import { SCAN_JOB, syncSchedule } from "./scan/schedule";
import { secureStart } from "./security/start-checks";
import { importConfigFile } from "./settings/import-config-file";
import { watchConfigFile, type ConfigFileWatcher } from "./settings/watch-config-file";

const g = globalThis as typeof globalThis & { __vigilWorker?: Worker; __vigilConfigWatcher?: ConfigFileWatcher };

/** How long a stopping server lets the job in hand (a scan) finish before failing it with the reason. */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Starts everything, or exits the process with one line saying why: a server that cannot open its
 * database (e.g. a second instance on a locked PGlite folder) would otherwise answer 500 on every route.
 */
export async function startServer(): Promise<void> {
  try {
    await startParts();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.fatal({ err }, "Vigil cannot start");
    process.stderr.write(`vigil: cannot start: ${message.split("\n")[0]}\n`);
    process.exit(1);
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

async function startParts(): Promise<void> {
  env(); // a bad variable fails the start, naming itself
  openDatabaseOnThread(); // PGlite: its queries off the thread that answers requests (before anything opens it)
  // umask 077, data folders 0700 (world-writable: no start), a warning unless served over https
  await secureStart((line) => log.warn(line));
  await dbReady();
  await createFirstAdminFromEnv();
  // No user yet: /setup needs the one-time token this prints — on stderr, not in the kept JSON log, for a person to read once.
  await announceSetupToken();
  await sealLegacyWebhookUrls(getDb()); // webhook URLs from before they were sealed
  const file = await importConfigFile();
  if (file.state === "imported") log.info({ file: file.path }, "config file imported");
  // Re-import on every change from now on; an invalid edit changes nothing and shows in Settings.
  g.__vigilConfigWatcher ??= watchConfigFile(file.path);
  startJobs(); // scheduled scans, alerts, webhook deliveries: web server only, stopped by stopServer()
}

/** Starts the job worker once per process: every scan, after-scan scoring and alerts, webhook deliveries. */
export function startJobs(): Worker {
  if (g.__vigilWorker) return g.__vigilWorker;
  const db = getDb();
  // The embedded database admits one process, so a scan left running at start is certainly an orphan.
  const exclusive = parseDatabaseUrl(process.env.DATABASE_URL).kind === "pglite";
  const leaseMs = DEFAULT_LEASE_MS;
  let lastSync = 0;
  g.__vigilWorker = createWorker({
    db,
    pollMs: 2_000,
    leaseMs,
    exclusive,
    handlers: {
      [SCAN_JOB]: scanJobHandler(db, scanConfigFromSettings),
      [AFTER_SCAN_JOB]: afterScanHandler(db),
      [DELIVER_JOB]: deliveryHandler(db),
    },
    // The schedule changes rarely (and its form syncs at once): look every 15 s, not every poll.
    beforeTick: async () => {
      // Scans run outside any job (a killed CLI run) or left by a worker that died: failed with the reason.
      await failOrphanedScans(db, { exclusive, leaseMs });
      if (Date.now() - lastSync < 15_000) return;
      lastSync = Date.now();
      await syncSchedule(db);
      await pruneFinished(db, 7 * 24 * 3600_000);
    },
  });
  log.info({ workerId: g.__vigilWorker.id, exclusive, leaseMs }, "job worker started");
  return g.__vigilWorker;
}

/** Wakes the worker so a just-queued manual scan starts now, not at the next poll. */
export function wakeJobs(): void {
  g.__vigilWorker?.wake();
}

/**
 * SIGTERM/SIGINT: stop taking jobs, let the one in hand finish within SHUTDOWN_GRACE_MS, else fail its
 * scan with the reason and give the job back (requeued: it runs again at the next start), then exit.
 */
async function shutdown(signal: string): Promise<void> {
  const started = Date.now();
  log.info({ signal, graceMs: SHUTDOWN_GRACE_MS }, "stopping: letting the job in hand finish");
  const w = g.__vigilWorker;
  const job = w?.current();
  g.__vigilConfigWatcher?.stop();
  g.__vigilConfigWatcher = undefined;
  g.__vigilWorker = undefined;
  const settled = (await w?.stop(SHUTDOWN_GRACE_MS)) ?? true;
  if (!settled && w && job) {
    const reason = `Vigil was stopped (${signal}) and the ${job.kind} job did not finish within ${SHUTDOWN_GRACE_MS / 1000} s`;
    const scanId = job.kind === SCAN_JOB ? scanIdOf((await getDb().job.findUnique({ where: { id: job.id } }))?.payload) : undefined;
    if (scanId) await failRunningScan(getDb(), scanId, `${reason}; nothing it read was recorded. It is queued again.`).catch(() => false);
    await fail(getDb(), job.id, reason, new Date(), w.id).catch(() => false);
  }
  log.info({ signal, durationMs: Date.now() - started, settled }, settled ? "stopped cleanly" : "stopped; the job in hand was failed");
  await closeDb().catch(() => undefined);
  process.exit(0);
}

/** Stops the config watcher and the worker, letting the job in hand finish (graceful shutdown, tests). */
export async function stopServer(): Promise<void> {
  g.__vigilConfigWatcher?.stop();
  g.__vigilConfigWatcher = undefined;
  const w = g.__vigilWorker;
  g.__vigilWorker = undefined;
  await w?.stop();
}
