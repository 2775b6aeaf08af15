/**
 * A Vigil job worker in a process of its own, for tests that kill it (test/integration/scan-crash.test.ts):
 * it opens the database named by DATABASE_URL, runs scan jobs against the config file VIGIL_CONFIG with
 * a lease of VIGIL_TEST_LEASE_MS, and logs JSON lines (VIGIL_LOG_LEVEL=debug shows each scan stage) on
 * stdout, which is how the test knows when to SIGKILL it. It never exits on its own before the test
 * kills it, except when the database cannot be opened (exit 1).
 */
import { closeDb, dbReady, getDb } from "../../lib/db/client";
import { parseDatabaseUrl } from "../../lib/db/connection";
import { createWorker } from "../../lib/jobs/worker";
import { log } from "../../lib/log";
import { scanConfigFromFile } from "../../lib/scan/config-from-file";
import { scanJobHandler } from "../../lib/scan/scan-job";
import { SCAN_JOB } from "../../lib/scan/schedule";

const configPath = process.env.VIGIL_CONFIG;
if (!configPath) throw new Error("VIGIL_CONFIG must name the test bed's vigil.config.yaml");
try {
  await dbReady();
} catch (err) {
  log.fatal({ err }, "cannot open the database");
  process.exit(1);
}
const db = getDb();
const worker = createWorker({
  db,
  pollMs: 100,
  leaseMs: Number(process.env.VIGIL_TEST_LEASE_MS ?? 30_000),
  exclusive: parseDatabaseUrl(process.env.DATABASE_URL).kind === "pglite",
  handlers: { [SCAN_JOB]: scanJobHandler(db, async () => scanConfigFromFile(configPath, { NODE_ENV: "test" })) },
});
log.info({ workerId: worker.id }, "test worker ready");
// A bound, so a test that forgets to kill it does not leave it running.
setTimeout(
  () =>
    void worker
      .stop()
      .then(() => closeDb())
      .then(() => process.exit(2)),
  300_000,
).unref();
