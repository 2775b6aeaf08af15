/**
 * Starts test/support/server-process.ts (lib/startup.ts, as the web server runs it) in a child process and follows
 * its JSON log lines, for tests that stop, restart or starve a real server (server-lifecycle.test.ts,
 * postgres-restart.test.ts). A test that fails half way does not leave it running: its kill is one of `closers`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import readline from "node:readline";
import type { Closer } from "./loopback-server";

export type LogLine = Record<string, unknown>;

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  lines: LogLine[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves with the first line `match` accepts (earlier lines too); rejects after `timeoutMs` or when the process exits first. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
}

export interface ServerProcessOptions {
  dataDir: string;
  configPath: string;
  /** Added to (and overriding) the defaults: an embedded database in dataDir, debug logs on stdout. */
  env?: Record<string, string>;
  closers: Closer[];
  /** Every raw line the process writes, stdout and stderr (a secrets check greps them). */
  onOutput?: (raw: string) => void;
}

export function startServerProcess(o: ServerProcessOptions): ServerProcess {
  // node with tsx's loader, not the tsx CLI, so a signal reaches the server itself and not a wrapper.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/support/server-process.ts"], {
    env: {
      ...process.env,
      VIGIL_DATA_DIR: o.dataDir,
      DATABASE_URL: "",
      VIGIL_CONFIG: o.configPath,
      VIGIL_LOG_FILE: "",
      VIGIL_LOG_LEVEL: "debug",
      NODE_ENV: "test",
      ...o.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  readline.createInterface({ input: child.stdout }).on("line", (raw) => {
    o.onOutput?.(raw);
    const line = JSON.parse(raw) as LogLine;
    lines.push(line);
    for (const w of waiters.splice(0)) {
      if (w.match(line)) w.resolve(line);
      else waiters.push(w);
    }
  });
  readline.createInterface({ input: child.stderr }).on("line", (raw) => {
    o.onOutput?.(raw);
    stderr.push(raw);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  o.closers.push(() => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor: (match, timeoutMs) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(match);
        if (seen) return resolve(seen);
        // The last lines say where the server got stuck (a stage that never came had a cause in the ones before it).
        const recent = () =>
          lines
            .slice(-6)
            .map((l) => String(l.msg).slice(0, 160))
            .join(" | ");
        const bound = setTimeout(
          () => reject(new Error(`no matching log line within ${timeoutMs} ms; last lines: ${recent()}`)),
          timeoutMs,
        );
        void exited.then(({ code }) =>
          reject(new Error(`the server exited (${code}) before a matching line; stderr: ${stderr.join(" | ")}`)),
        );
        waiters.push({ match, resolve: (l) => (clearTimeout(bound), resolve(l)) });
      }),
  };
}
