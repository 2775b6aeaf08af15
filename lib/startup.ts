import "server-only";
import { createFirstAdminFromEnv } from "./auth/first-admin";
import { importConfigFile } from "./config/import-file";
import { dbReady } from "./db";
import { env } from "./env";
import { startJobs } from "./jobs/start";

export async function startServer(): Promise<void> {
  env(); // a bad variable fails the start, naming itself
  await dbReady();
  await createFirstAdminFromEnv();
  const file = await importConfigFile();
  if (file.state === "imported") console.info(`[config] imported ${file.path}`);
  startJobs(); // scheduled scans, alerts, webhook deliveries: web server only, stoppable via stopJobs()
}
