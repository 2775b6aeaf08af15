import "server-only";
import { createFirstAdminFromEnv } from "./auth/first-admin";
import { importConfigFile } from "./config/import-file";
import { dbReady } from "./db";
import { env } from "./env";

export async function startServer(): Promise<void> {
  env(); // a bad variable fails the start, naming itself
  await dbReady();
  await createFirstAdminFromEnv();
  const file = await importConfigFile();
  if (file.state === "imported") console.info(`[config] imported ${file.path}`);
}
