/**
 * Foreign server processes for the test bed: started in the foreground with
 * their output in a log file of the state dir, ready only once every port
 * accepts TCP, and always stopped AND waited for. A server that dies or never
 * listens is stopped before the error is thrown, so a failed start leaves
 * nothing running; a safety net kills whatever is left if this process exits or is signalled.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface DaemonSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Added to a minimal environment (PATH, NODE_ENV): nothing from the caller's HOME or XDG dirs leaks in. */
  env?: Record<string, string>;
  logFile: string;
  host: string;
  /** Ports the server must accept TCP on before it counts as started. */
  ports: number[];
  readyTimeoutMs?: number;
}

export interface Daemon {
  name: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let netInstalled = false;
/**
 * Last resort when the host dies without calling stop(): on exit, and on SIGTERM/SIGINT
 * (a test runner ends its workers with SIGTERM, which skips 'exit'). The signal is
 * raised again when nobody else handles it, so the host still dies as it would have.
 */
function installSafetyNet(): void {
  if (netInstalled) return;
  netInstalled = true;
  const killAll = () => {
    for (const c of live) c.kill("SIGKILL");
  };
  process.once("exit", killAll);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The last lines of a server's log, for an error message that says why it did not start. */
export function logTail(file: string, lines = 8): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function tcpAccepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

/** `count` distinct free ports, held together while chosen so none is handed out twice. */
export async function freePorts(host: string, count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  try {
    return await Promise.all(
      servers.map(
        (s) =>
          new Promise<number>((resolve, reject) => {
            s.once("error", reject);
            s.listen(0, host, () => resolve((s.address() as AddressInfo).port));
          }),
      ),
    );
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))));
  }
}

export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  installSafetyNet();
  const logFd = openSync(spec.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      stdio: ["ignore", logFd, logFd],
      // NODE_ENV only because Next.js types declare it required on every ProcessEnv.
      env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", ...spec.env },
    });
  } finally {
    closeSync(logFd); // the child holds its own copy
  }
  live.add(child);
  let exitText: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("error", (e) => {
      exitText = `could not start: ${e.message}`;
      live.delete(child);
      resolve();
    });
    child.once("exit", (code, signal) => {
      exitText = `exited (${signal ?? `code ${code}`})`;
      live.delete(child);
      resolve();
    });
  });
  const waitExit = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);

  const stop = async () => {
    if (exitText) return;
    child.kill("SIGTERM");
    if (await waitExit(5000)) return;
    child.kill("SIGKILL"); // a server ignoring SIGTERM for 5 s is stuck; the test bed must not wait forever
    await waitExit(2000);
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 15_000);
  const pending = new Set(spec.ports);
  while (pending.size > 0) {
    if (exitText) break;
    if (Date.now() > deadline) {
      await stop();
      const waited = spec.readyTimeoutMs ?? 15_000;
      throw new Error(`${spec.name}: ports ${[...pending].join(", ")} not accepting within ${waited} ms\n${logTail(spec.logFile)}`);
    }
    for (const port of [...pending]) if (await tcpAccepts(spec.host, port, 500)) pending.delete(port);
    if (pending.size > 0) await sleep(50);
  }
  if (exitText) {
    await stop();
    throw new Error(`${spec.name} ${exitText} before listening\n${logTail(spec.logFile)}`);
  }
  return { name: spec.name, pid: child.pid ?? -1, logFile: spec.logFile, stop };
}

/**
 * Ports are chosen free, then bound by another process a moment later; a
 * neighbour (another engineer's test bed) can take one in between. That is the
 * only failure worth a retry, and only a few times.
 */
export async function withFreshPorts<T>(host: string, count: number, start: (ports: number[]) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(host, count);
    try {
      return await start(ports);
    } catch (e) {
      const inUse = e instanceof Error && /in use|EADDRINUSE|cannot bind|could not bind|bind\(\) to .* failed/i.test(e.message);
      if (!inUse || attempt >= 3) throw e;
    }
  }
}
