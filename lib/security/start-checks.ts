import path from "node:path";
import { dbReady } from "../db/client";
import { parseDatabaseUrl } from "../db/connection";
import { env } from "../env";
import { secureDataFolders } from "./file-modes";
import { plainHttpWarning } from "./https";

/**
 * The web server's first act (lib/startup.ts): umask 077, the data folder and
 * the embedded database's folder 0700 with their contents tightened (a
 * world-writable one stops the start), and a warning when sessions would
 * travel over plain http. It then opens the database and tightens once more:
 * PGlite unpacks a fresh database with explicit 0666 modes, which a umask
 * cannot catch; files PostgreSQL creates afterwards are 0600 by its own rule.
 */
export async function secureStart(warn: (line: string) => void = console.warn): Promise<void> {
  const e = env();
  const folders = [path.resolve(e.VIGIL_DATA_DIR)];
  const db = parseDatabaseUrl(e.DATABASE_URL);
  if (db.kind === "pglite" && db.dataDir !== "memory://") folders.push(db.dataDir);
  secureDataFolders(folders);
  const warning = plainHttpWarning(e.NEXTAUTH_URL);
  if (warning) warn(warning);
  await dbReady();
  secureDataFolders(folders);
}
