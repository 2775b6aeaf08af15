/**
 * One Python agent as a child process of the test bed. Its configuration and
 * commands go in on stdin (JSON lines; the password never appears in `ps`),
 * events and replies come back on file descriptor 3, and stdout/stderr go to
 * <logDir>/<name>.log. Closing stdin is the agent's signal to stop, so the
 * child also ends when the Node parent dies; stop() escalates to SIGTERM and
 * SIGKILL, each after a bounded wait.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { ensureAgentsVenv } from "./venv";

export type PyClient = "mautrix" | "nio";

export interface PyAgentConfig {
  name: string;
  homeserver: string;
  userId: string;
  password: string;
  devices: { id: string; kind: string }[];
  crossSigning: boolean;
  /** Users whose invites the agent accepts (the fleet's members). */
  inviterUserIds: string[];
  /** The only user the agent verifies with (the auditor). */
  verifierUserId: string;
  /** The agent's own state (nio's store), inside the test-bed dir. */
  stateDir: string;
  /** Hard upper bound on the agent's life, whatever the parent does. */
  maxLifetimeSeconds: number;
  /** mautrix only: its config.yaml (bot-config.ts), read by the agent itself for credentials, device and encryption. */
  botConfig?: string;
}

export interface StartPyAgentOptions {
  /** Run as a bot installed without mautrix[encryption]: python-olm hidden from this process only (without-crypto-extra/). */
  withoutCryptoExtra?: boolean;
}

/** A directory whose olm/__init__.py fails to import, put first on PYTHONPATH. */
export const WITHOUT_CRYPTO_EXTRA = path.join(import.meta.dirname, "without-crypto-extra");

const Session = z.object({ deviceId: z.string(), accessToken: z.string() });
const Ready = z.object({ event: z.literal("ready"), sessions: z.array(Session).min(1), backupVersion: z.string().nullish() });
const Reply = z.object({ reply: z.number(), ok: z.boolean(), result: z.unknown().optional(), error: z.string().optional() });
const Event = z.object({ event: z.string() }).passthrough();

export type PyAgentReady = z.infer<typeof Ready>;

export interface PyAgent {
  name: string;
  client: PyClient;
  logFile: string;
  ready: Promise<PyAgentReady>;
  /** Send a command and wait (bounded) for its reply. */
  request(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Every event the agent emits after "ready" (joined, verification, …). */
  onEvent(listener: (e: z.infer<typeof Event>) => void): void;
  /** Ask it to exit, then SIGTERM, then SIGKILL; resolves once it is gone. */
  stop(): Promise<void>;
}

const SCRIPTS: Record<PyClient, string> = { mautrix: "mautrix_agent.py", nio: "nio_agent.py" };
const READY_TIMEOUT_MS = 120_000;

export function startPyAgent(client: PyClient, cfg: PyAgentConfig, logDir: string, opts: StartPyAgentOptions = {}): PyAgent {
  const python = ensureAgentsVenv();
  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(cfg.stateDir, { recursive: true });
  const logFile = path.join(logDir, `${cfg.name}.log`);
  const logFd = fs.openSync(logFile, "a", 0o600);
  const child: ChildProcess = spawn(python, [path.join(import.meta.dirname, SCRIPTS[client])], {
    stdio: ["pipe", logFd, logFd, "pipe"],
    cwd: import.meta.dirname,
    env: { ...process.env, PYTHONUNBUFFERED: "1", ...(opts.withoutCryptoExtra ? { PYTHONPATH: WITHOUT_CRYPTO_EXTRA } : {}) },
  });
  fs.closeSync(logFd);
  const stdin = child.stdin as Writable;
  const events = child.stdio[3] as Readable;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listeners: ((e: z.infer<typeof Event>) => void)[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let resolveReady: (r: PyAgentReady) => void = () => {};
  let rejectReady: (e: Error) => void = () => {};
  const ready = new Promise<PyAgentReady>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => undefined); // a caller that never awaits it must not crash the process

  readline.createInterface({ input: events }).on("line", (line) => {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return; // not ours: the protocol is JSON only
    }
    const reply = Reply.safeParse(msg);
    if (reply.success) {
      const p = pending.get(reply.data.reply);
      pending.delete(reply.data.reply);
      if (reply.data.ok) p?.resolve(reply.data.result);
      else p?.reject(new Error(`${cfg.name}: ${reply.data.error ?? "command failed"}`));
      return;
    }
    const r = Ready.safeParse(msg);
    if (r.success) return resolveReady(r.data);
    const e = Event.safeParse(msg);
    if (e.success) listeners.forEach((l) => l(e.data));
  });
  const notReady = () => rejectReady(new Error(`${cfg.name} (${client}) not ready after ${READY_TIMEOUT_MS} ms; see ${logFile}`));
  const timer = setTimeout(notReady, READY_TIMEOUT_MS);
  void ready.finally(() => clearTimeout(timer)).catch(() => undefined);
  void exited.then((code) => {
    rejectReady(new Error(`${cfg.name} (${client}) exited with ${code} before it was ready; see ${logFile}`));
    for (const p of pending.values()) p.reject(new Error(`${cfg.name} exited with ${code}`));
    pending.clear();
  });
  stdin.on("error", () => undefined); // writing to an agent that already exited is reported through `exited`
  stdin.write(JSON.stringify(cfg) + "\n");

  const request = (cmd: string, args: Record<string, unknown> = {}, timeoutMs = 30_000) =>
    new Promise<unknown>((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error(`${cfg.name} is not running`));
      const id = nextId++;
      const t = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${cfg.name}: no answer to ${cmd} after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve: (v) => (clearTimeout(t), resolve(v)), reject: (e) => (clearTimeout(t), reject(e)) });
      stdin.write(JSON.stringify({ id, cmd, ...args }) + "\n");
    });

  const waitExit = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stdin.end(); // EOF: the agent's own way out
    if (await waitExit(5_000)) return;
    child.kill("SIGTERM");
    if (await waitExit(5_000)) return;
    child.kill("SIGKILL");
    await waitExit(5_000);
  };

  return { name: cfg.name, client, logFile, ready, request, onEvent: (l) => void listeners.push(l), stop };
}
