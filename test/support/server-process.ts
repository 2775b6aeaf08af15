/**
 * Vigil's server start (lib/startup.ts: database, config import, job worker, SIGTERM handling) in a process of
 * its own, without Next, for tests that start a second instance or stop one mid-scan
 * (test/integration/server-lifecycle.test.ts). Run with `node --conditions=react-server --import tsx`: the
 * condition is what lets "server-only" modules load outside Next. With VIGIL_TEST_REQUEST_SCAN=1 it asks for a
 * scan once started, as the Scan button would. It logs JSON lines on stdout (VIGIL_LOG_FILE unset), which is how
 * the test follows it; the server's own SIGTERM handler decides when it exits.
 */
import { log } from "../../lib/log";
import { startServer, wakeJobs } from "../../lib/startup";

await startServer();
log.info("test server started");
if (process.env.VIGIL_TEST_REQUEST_SCAN === "1") {
  const { getDb } = await import("../../lib/db/client");
  const { requestScan } = await import("../../lib/scan/scan-job");
  const asked = await requestScan(getDb(), { trigger: "manual", actor: "lifecycle-test@example.org" });
  log.info({ jobId: asked.jobId, outcome: asked.outcome }, "test scan requested");
  wakeJobs();
}
// A bound, so a test that forgets to stop it does not leave it running.
setTimeout(() => process.kill(process.pid, "SIGTERM"), 300_000).unref();
