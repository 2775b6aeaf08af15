/**
 * The Prisma client for Vigil. App code imports "@/lib/db" (index.ts, which
 * adds `import "server-only"` so the database can never be pulled into a
 * client bundle). This file stays free of "server-only" because tsx scripts
 * and the CLI import it directly, and "server-only" throws outside a React
 * server build.
 *
 * getDb() is synchronous and cheap; the connection opens and pending
 * migrations apply on the first query (once per process), because the
 * adapter factory we hand Prisma waits for them in connect(). Await dbReady()
 * at startup to fail fast instead.
 *
 * With the embedded default (PGlite in ./.vigil/db) only one process may have
 * the database open: stop the server before running DB scripts against the
 * same folder, or use PostgreSQL (DATABASE_URL=postgres://...).
 */
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../generated/prisma/client";
import { openConnection, type DbConnection } from "./connection";
import { applyMigrationsWith } from "./migrate";
import { log } from "../log";

interface DbState {
  client: PrismaClient;
  conn: Promise<DbConnection>;
  ready: Promise<void>;
}

// On globalThis so Next dev's hot reload reuses the open database instead of
// opening the PGlite folder again (which the lock would refuse).
const g = globalThis as typeof globalThis & { __vigilDb?: DbState; __vigilDbOnThread?: boolean };

/**
 * The web server keeps the embedded database off its own thread (lib/db/pglite-thread.ts), so pages never wait
 * behind a scan's writes. Call before the first getDb(); PostgreSQL is unaffected.
 */
export function openDatabaseOnThread(): void {
  g.__vigilDbOnThread = true;
}

export function getDb(): PrismaClient {
  return (g.__vigilDb ??= createState()).client;
}

/** Resolves once the database is open and migrated; rejects with the reason it is not. */
export function dbReady(): Promise<void> {
  return (g.__vigilDb ??= createState()).ready;
}

/** Disconnects and releases the database (tests, scripts, graceful shutdown). */
export async function closeDb(): Promise<void> {
  const state = g.__vigilDb;
  if (!state) return;
  g.__vigilDb = undefined;
  await state.client.$disconnect();
  const conn = await state.conn.catch(() => undefined);
  await conn?.close();
}

function createState(): DbState {
  const conn = openConnection(process.env.DATABASE_URL, { pgliteThread: g.__vigilDbOnThread === true });
  const ready = conn.then(async (c) => {
    const applied = await applyMigrationsWith(c.factory);
    if (applied.length) log.info({ database: c.describe, migrations: applied }, "applied database migrations");
  });
  const lazy: SqlDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "vigil",
    async connect() {
      await ready;
      return (await conn).factory.connect();
    },
  };
  const state: DbState = { client: new PrismaClient({ adapter: lazy }), conn, ready };
  ready.catch(async () => {
    // Forget a failed start so the next getDb() tries again (e.g. once the
    // other process holding the PGlite folder has stopped).
    if (g.__vigilDb === state) g.__vigilDb = undefined;
    (await conn.catch(() => undefined))?.close().catch(() => {});
  });
  return state;
}
