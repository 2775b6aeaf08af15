/**
 * Turns DATABASE_URL into a Prisma driver adapter factory. Two backends, one
 * PostgreSQL schema:
 *  - unset, `file:<path>`, a plain path, or `memory://`: PGlite, an embedded
 *    PostgreSQL in WebAssembly storing its data in a folder (default ./.vigil/db).
 *    Zero setup; fine for one instance and tens of thousands of rows.
 *  - `postgres://` / `postgresql://`: a PostgreSQL server via node-postgres.
 *
 * A PGlite folder must be opened by ONE process at a time (it is a whole
 * Postgres in-process, with no shared-memory locking across processes; two
 * writers corrupt it). We guard it with a lock file holding the owner's pid, so
 * e.g. a CLI run while `next dev` is up fails with a clear message instead.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { log } from "../log";

export const DEFAULT_DB_DIR = "./.vigil/db";
const LOCK_FILE = "vigil.lock";
/** Folders this process holds, to tell "opened twice here" from a stale lock whose pid got reused (pid 1 in containers). */
const heldHere = new Set<string>();

export type DbTarget =
  | { kind: "pglite"; dataDir: string } // absolute folder, or "memory://"
  | { kind: "postgres"; url: string };

export interface DbConnection {
  target: DbTarget;
  /** Human-readable, password-free: safe for logs and error messages. */
  describe: string;
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export class DbConfigError extends Error {
  override name = "DbConfigError";
}

/** Parses DATABASE_URL (or the given value) without touching the database. */
export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DbTarget {
  const value = raw?.trim();
  // Unset: the embedded database lives with Vigil's other data (VIGIL_DATA_DIR, default ./.vigil).
  if (!value) {
    const dataDir = process.env.VIGIL_DATA_DIR;
    return { kind: "pglite", dataDir: dataDir ? path.resolve(cwd, dataDir, "db") : path.resolve(cwd, DEFAULT_DB_DIR) };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new DbConfigError(`DATABASE_URL is not a valid URL: ${redact(value)}`);
    }
    return { kind: "postgres", url: value };
  }
  if (value === "memory://" || value.startsWith("memory://")) return { kind: "pglite", dataDir: "memory://" };
  if (value.startsWith("file:")) {
    const p = value.startsWith("file://") ? new URL(value).pathname : value.slice("file:".length);
    if (!p) throw new DbConfigError("DATABASE_URL file: has no path; use file:./.vigil/db");
    return { kind: "pglite", dataDir: path.resolve(cwd, p) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme) {
    throw new DbConfigError(
      `DATABASE_URL scheme "${scheme}:" is not supported. Use postgres://user:pass@host:5432/db, ` +
        `file:<folder> (embedded PGlite), or leave it unset for ${DEFAULT_DB_DIR}.`,
    );
  }
  return { kind: "pglite", dataDir: path.resolve(cwd, value) };
}

export function describeTarget(t: DbTarget): string {
  return t.kind === "pglite" ? `PGlite ${t.dataDir}` : `PostgreSQL ${redact(t.url)}`;
}

/** Removes the password from a connection URL. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  }
}

export interface OpenOptions {
  /** PGlite on a worker thread of its own (the web server: lib/db/pglite-thread.ts); in this thread otherwise. */
  pgliteThread?: boolean;
}

export async function openConnection(raw = process.env.DATABASE_URL, opts: OpenOptions = {}): Promise<DbConnection> {
  const target = parseDatabaseUrl(raw);
  if (target.kind === "postgres") return openPostgres(target);
  return opts.pgliteThread ? openPgliteThread(target) : openPglite(target);
}

// ------------------------------------------------------------------ PGlite

async function openPglite(target: Extract<DbTarget, { kind: "pglite" }>): Promise<DbConnection> {
  const describe = describeTarget(target);
  const memory = target.dataDir === "memory://";
  let release = () => {};
  try {
    if (!memory) release = acquireLock(target.dataDir);
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pg = new PGlite({ dataDir: memory ? "memory://" : target.dataDir });
    await pg.waitReady;
    return {
      target,
      describe,
      factory: new PrismaPGlite(pg),
      async close() {
        try {
          if (!pg.closed) await pg.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    if (e instanceof DbConfigError) throw e; // the lock's own message says it all
    throw new Error(`Could not open the embedded database (${describe}): ${(e as Error).message}`, { cause: e });
  }
}

async function openPgliteThread(target: Extract<DbTarget, { kind: "pglite" }>): Promise<DbConnection> {
  const describe = describeTarget(target);
  let release = () => {};
  try {
    if (target.dataDir !== "memory://") release = acquireLock(target.dataDir);
    const { startPgliteThread } = await import("./pglite-thread");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const thread = await startPgliteThread(target.dataDir, (message) => log.error({ database: describe, message }, "database thread"));
    log.info({ database: describe }, "embedded database opened on its own thread");
    return {
      target,
      describe,
      factory: new PrismaPg(thread.pgConfig),
      async close() {
        try {
          await thread.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    if (e instanceof DbConfigError) throw e; // the lock's own message says it all
    throw new Error(`Could not open the embedded database (${describe}): ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Takes `<dataDir>/vigil.lock` exclusively. A lock left by a dead process is
 * taken over; one held by a live process (including this one, if something
 * opens the folder twice) is an error that names the pid.
 */
function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        process.off("exit", release);
        rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(file, "utf8").trim());
      const ownStale = pid === process.pid && !heldHere.has(file);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && !ownStale) {
        throw new DbConfigError(
          `The embedded database ${dataDir} is in use by process ${pid}` +
            (pid === process.pid ? " (this process opened it twice)" : "") +
            `. PGlite allows one process per folder: stop the other process (e.g. the Vigil server) ` +
            `or point DATABASE_URL at PostgreSQL to share the database.`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new DbConfigError(`Could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

// ------------------------------------------------------------------ PostgreSQL

async function openPostgres(target: Extract<DbTarget, { kind: "postgres" }>): Promise<DbConnection> {
  const describe = describeTarget(target);
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // A config object, not a connection string: PrismaPg builds its shadow
  // database config as {...config, database: shadow}, and a connectionString
  // would override that `database`, making the shadow the main database.
  const factory = new PrismaPg(pgConfig(target.url));
  // Fail fast with a readable message instead of on the first query.
  const probe = await factory.connect().catch((e: unknown) => {
    throw new Error(`Could not connect to ${describe}: ${(e as Error).message || String(e)}`, { cause: e });
  });
  try {
    await probe.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
  } catch (e) {
    throw new Error(`Could not connect to ${describe}: ${errorText(e)}`, { cause: e });
  } finally {
    await probe.dispose();
  }
  return { target, describe, factory, close: async () => {} };
}

function errorText(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === "object" && e) {
    const o = e as { cause?: unknown; kind?: string; originalMessage?: string; message?: string };
    return o.originalMessage ?? o.message ?? (o.cause ? errorText(o.cause) : (o.kind ?? JSON.stringify(o)));
  }
  return String(e);
}

/** postgres:// URL -> node-postgres PoolConfig (see the shadow database note above). */
export function pgConfig(url: string) {
  const u = new URL(url);
  const q = u.searchParams;
  const sslmode = q.get("sslmode");
  const ssl =
    sslmode === "require" || sslmode === "prefer"
      ? { rejectUnauthorized: false }
      : sslmode === "verify-ca" || sslmode === "verify-full"
        ? { rejectUnauthorized: true }
        : undefined;
  return {
    host: q.get("host") ?? (decodeURIComponent(u.hostname) || "localhost"), // ?host=/var/run/postgresql for sockets
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ssl,
    max: q.get("connection_limit") ? Number(q.get("connection_limit")) : 10,
    connectionTimeoutMillis: 10_000,
  };
}
