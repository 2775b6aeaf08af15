/**
 * The processes the load benchmark starts and stops itself: a throwaway PostgreSQL (as scripts/lib.sh's
 * start_postgres), the loopback mesh (bench/mesh-probe/serve.ts) and Vigil's production server (`next start`).
 * Each start returns its stop; every stop is safe to call twice and waits for the process to be gone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, realpathSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type Stop = () => Promise<void>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** Waits for `child` to exit; SIGKILL after `graceMs` (a stop must not hang the benchmark). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

function postgresBin(): string {
  const fromLink = existsSync("/usr/local/bin/postgres") ? path.dirname(realpathSync("/usr/local/bin/postgres")) : "";
  if (fromLink && existsSync(path.join(fromLink, "initdb"))) return fromLink;
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) return `/usr/lib/postgresql/${v}/bin`;
  throw new Error("PostgreSQL is not installed (no initdb next to /usr/local/bin/postgres or under /usr/lib/postgresql)");
}

/**
 * A PostgreSQL server of its own in a fresh temp folder, on a free loopback port, removed by stop(). initdb refuses
 * root, so root runs it as "postgres", and the folder is its own (the benchmark's temp folder is root's, mode 0700).
 */
export async function startPostgres(): Promise<{ url: string; stop: Stop }> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-pg-"));
  const root = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(root ? "runuser" : path.join(bin, tool), root ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
  const port = await freePort();
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "vigil", "--auth=trust"]);
  run("pg_ctl", ["-D", data, "-o", `-p ${port} -k ${dir} -h 127.0.0.1`, "-l", path.join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "stop", "-m", "fast"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "vigil", "vigil_load"]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://vigil@127.0.0.1:${port}/vigil_load`, stop };
}

/** bench/mesh-probe's endpoint server: `count` Node endpoints cycling every fault, in a process of their own. */
export async function startMesh(root: string, dir: string, count: number): Promise<Stop> {
  const serve = path.join(root, "bench/mesh-probe/serve.ts");
  const child = spawn(process.execPath, ["--import", "tsx", serve, dir, String(count), "0"], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("READY")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the mesh exited before it was ready (${code})`)));
  });
  return () => stopChild(child);
}

/**
 * `next start` on a free loopback port, as scripts/test.sh runs it (NEXT_MANUAL_SIG_HANDLE: Vigil's own SIGTERM
 * handler lets a running scan finish). Resolves once /api/health answers. With `cpuProfileDir`, the server writes a
 * V8 CPU profile there when it exits (open it in Chrome's DevTools, Performance tab).
 */
export async function startServer(
  root: string,
  env: NodeJS.ProcessEnv,
  log: string,
  cpuProfileDir?: string,
): Promise<{ base: string; stop: Stop }> {
  const port = await freePort();
  const fd = openSync(log, "a");
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: root,
      env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", fd, fd],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${log}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not answer /api/health within 120 s; see ${log}`);
}
