/**
 * Start and stop a loopback Synapse for dev, demo and tests. The process runs
 * detached (it outlives the CLI) and is tracked by a pid file in its state dir.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prepareConfig, readState, type SynapseProfile } from "./config";
import { synapseDir } from "./paths";
import { ensureSynapseVenv, SYNAPSE_VERSION } from "./venv";

export interface StartOptions {
  /** Synapse state dir; default `$VIGIL_TESTBED_DIR/synapse`. */
  dir?: string;
  serverName?: string;
  /** Which homeserver.yaml (config.ts); default "testbed". Applied when this call starts Synapse. */
  profile?: SynapseProfile;
  timeoutMs?: number;
  log?: (msg: string) => void;
}

export interface SynapseHandle {
  baseUrl: string;
  serverName: string;
  registrationSecret: string;
  dir: string;
  /** False when Synapse was already running; callers may then leave it running. */
  startedByUs: boolean;
  stop(): Promise<void>;
}

const PID_FILE = "synapse.pid";

function readPid(dir: string): number | null {
  const f = path.join(dir, PID_FILE);
  if (!fs.existsSync(f)) return null;
  const pid = Number(fs.readFileSync(f, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Alive and really our Synapse: a stale pid file must never make us signal a stranger. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("synapse.app.homeserver");
  } catch {
    return process.platform !== "linux"; // no /proc: trust the signal probe
  }
}

async function waitHealthy(baseUrl: string, deadline: number, exited: () => boolean): Promise<boolean> {
  while (Date.now() < deadline && !exited()) {
    if (await healthy(baseUrl)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Both the liveness endpoint and the client API must answer before we call it up. */
export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const [h, v] = await Promise.all([
      fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) }),
      fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(2000) }),
    ]);
    return h.ok && v.ok;
  } catch {
    return false;
  }
}

export async function synapseStatus(dir: string = synapseDir()) {
  const st = readState(dir);
  const pid = readPid(dir);
  const running = pid !== null && alive(pid);
  const baseUrl = st ? `http://127.0.0.1:${st.port}` : undefined;
  return { dir, pid: running ? pid : null, running, baseUrl, healthy: baseUrl && running ? await healthy(baseUrl) : false };
}

function tail(file: string, lines = 30): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "(no log)";
}

export async function startSynapse(opts: StartOptions = {}): Promise<SynapseHandle> {
  const dir = path.resolve(opts.dir ?? synapseDir());
  const log = opts.log ?? (() => {});
  const serverName = opts.serverName ?? readState(dir)?.serverName ?? "vigil.test";
  const handle = (baseUrl: string, secret: string, startedByUs: boolean): SynapseHandle => ({
    baseUrl,
    serverName,
    registrationSecret: secret,
    dir,
    startedByUs,
    stop: async () => void (await stopSynapse(dir)),
  });

  const timeoutMs = opts.timeoutMs ?? 60_000;
  const existing = readState(dir);
  const pid = readPid(dir);
  if (existing && pid !== null && alive(pid)) {
    // Already running (maybe still starting): wait for it rather than start a second one on the port.
    const baseUrl = `http://127.0.0.1:${existing.port}`;
    if (await waitHealthy(baseUrl, Date.now() + timeoutMs, () => !alive(pid))) {
      return handle(baseUrl, existing.registrationSecret, false);
    }
    await stopSynapse(dir);
  }

  const python = ensureSynapseVenv(log);
  const st = await prepareConfig(dir, serverName, SYNAPSE_VERSION, opts.profile);
  const baseUrl = `http://127.0.0.1:${st.port}`;
  const outFile = path.join(dir, "synapse.out");
  const out = fs.openSync(outFile, "a");
  // Detached with its own process group so it survives the CLI and a stop can't hit us.
  const child = spawn(python, ["-m", "synapse.app.homeserver", "-c", path.join(dir, "homeserver.yaml")], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  if (!child.pid) throw new Error("could not spawn Synapse");
  fs.writeFileSync(path.join(dir, PID_FILE), String(child.pid));
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));
  child.unref();
  log(`synapse pid ${child.pid} on ${baseUrl}`);

  if (await waitHealthy(baseUrl, Date.now() + timeoutMs, () => exited !== null)) {
    return handle(baseUrl, st.registrationSecret, true);
  }
  if (exited !== null) {
    throw new Error(`Synapse exited (${exited}) during startup:\n${tail(outFile)}\n${tail(path.join(dir, "homeserver.log"))}`);
  }
  await stopSynapse(dir);
  throw new Error(`Synapse did not become healthy on ${baseUrl} in time:\n${tail(outFile)}`);
}

/** SIGTERM, wait for a clean exit (Synapse flushes its batched writes), SIGKILL as a last resort. */
export async function stopSynapse(dir: string = synapseDir(), timeoutMs = 20_000): Promise<boolean> {
  const pid = readPid(path.resolve(dir));
  const pidFile = path.join(path.resolve(dir), PID_FILE);
  if (pid === null || !alive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  fs.rmSync(pidFile, { force: true });
  return true;
}
