/**
 * A PostgreSQL cluster of a test's own (the real server, /usr/local/bin/postgres), in a temp folder on a free
 * loopback port, for tests that restart or stop it under Vigil (test/integration/postgres-restart.test.ts): a shared
 * server (VIGIL_TEST_POSTGRES_URL, scripts/lib.sh start_postgres) must never be restarted by one test. As root, the
 * server runs as the `postgres` user (it refuses to run as root), as scripts/lib.sh does it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closedPort } from "./closed-port";

export interface PostgresCluster {
  /** postgres://vigil@127.0.0.1:<port>/vigil_test (trust authentication, loopback only). */
  url: string;
  /** `pg_ctl restart -m fast`: every connection is terminated, and the server is back when this returns. */
  restart(): void;
  stop(): void;
}

/** The folder of the server's binaries (initdb, pg_ctl beside postgres); undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  try {
    const bin = path.dirname(realpathSync("/usr/local/bin/postgres"));
    realpathSync(path.join(bin, "pg_ctl"));
    return bin;
  } catch {
    return undefined;
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const BIN = postgresBin();
  if (!BIN) throw new Error("PostgreSQL is not installed (/usr/local/bin/postgres)");
  const asRoot = process.getuid?.() === 0;
  // As root, under /tmp itself: the `postgres` user cannot enter the suite's private 0700 TMPDIR (scripts/lib.sh
  // start_postgres does the same); stop() removes it.
  const dir = mkdtempSync(path.join(asRoot ? "/tmp" : os.tmpdir(), "vigil-pg-"));
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(BIN, tool), ...args], { stdio: "pipe", timeout: 120_000 })
      : execFileSync(path.join(BIN, tool), args, { stdio: "pipe", timeout: 120_000 });
  const port = await closedPort();
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "vigil", "--auth=trust"]);
  // Sockets in the temp folder and TCP on loopback only; -w waits until the server accepts connections.
  const ctl = (action: string, ...extra: string[]) =>
    run("pg_ctl", ["-D", data, "-o", `-p ${port} -k ${dir} -h 127.0.0.1`, "-l", path.join(dir, "server.log"), "-w", ...extra, action]);
  ctl("start");
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "vigil", database: "postgres" });
  await admin.connect();
  await admin.query("CREATE DATABASE vigil_test");
  await admin.end();
  return {
    url: `postgres://vigil@127.0.0.1:${port}/vigil_test`,
    restart: () => void ctl("restart", "-m", "fast"),
    stop: () => {
      try {
        ctl("stop", "-m", "fast");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
