/**
 * npx tsx scripts/dev/scan-into-db.ts [config]
 * Runs one scan from a config file and records it in the database named by
 * DATABASE_URL (default .vigil/db) — as the web app's "Scan now" would. Stop
 * the server first when it uses the same embedded database (one process per folder).
 */
import { closeDb, getDb } from "../../lib/db/client";
import { scanConfigFromFile } from "../../lib/scan/config-from-file";
import { runScan } from "../../lib/scan/run-scan";

const config = scanConfigFromFile(process.argv[2] ?? process.env.VIGIL_CONFIG ?? "vigil.config.yaml");
const outcome = await runScan(getDb(), config, { trigger: "cli" });
console.log(
  JSON.stringify({
    scanId: outcome.scanId,
    status: outcome.collected.status,
    findings: outcome.evaluation.findings.length,
    ms: outcome.durationMs,
  }),
);
await closeDb();
