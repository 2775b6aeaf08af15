/**
 * The one logger: JSON lines (pino) with a level, a time and whatever context the caller
 * binds — requestId, actor, scanId, durationMs. One line to use it:
 *
 *   log.child({ requestId, actor }).error({ err }, "saving the homeserver failed");
 *
 * Secrets never reach a line: fields named like secrets are censored by path, and every
 * string (the message, an error's message and stack, any field) goes through the same
 * redact() the scan errors use, which catches tokens and private keys by shape.
 *
 * Free of "server-only" and of lib/env on purpose: the CLI, the job worker and tests log
 * too, before (or without) the app's environment. It reads two variables of its own,
 * like lib/db: VIGIL_LOG_LEVEL (default info; "silent" for none) and VIGIL_LOG_FILE
 * (append there instead of stdout; the test suite collects its logs this way).
 */
import pino, { type Logger } from "pino";
import { REDACTED, redact } from "../secrets/redact";

export type { Logger };

/** Field names whose value is a secret wherever they appear (one or two levels deep, and in headers). */
export const SECRET_FIELDS = [
  "password",
  "passphrase",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "secret",
  "clientKeyPem",
  "privateKey",
  "recoveryKey",
  "authorization",
  "cookie",
] as const;

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

function levelFrom(raw: string | undefined): Level {
  const value = raw?.trim().toLowerCase();
  return LEVELS.find((l) => l === value) ?? "info";
}

const MAX_DEPTH = 6;

/** Every string in `value` redacted, Errors made plain (message, name, stack, cause); depth-capped against cycles. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: redact(value.message) };
    if (value.stack) plain.stack = redact(value.stack);
    if (value.cause !== undefined) plain.cause = redactDeep(value.cause, depth + 1);
    return plain;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = (SECRET_FIELDS as readonly string[]).includes(key) ? REDACTED : redactDeep(v, depth + 1);
  }
  return out;
}

/** A logger writing to `destination` (a path, or stdout when undefined); tests make their own with a file. */
export function createLogger(opts: { level?: string; destination?: string; base?: Record<string, unknown> } = {}): Logger {
  const stream = opts.destination
    ? pino.destination({ dest: opts.destination, append: true, mkdir: true, sync: true })
    : pino.destination(1);
  return pino(
    {
      level: levelFrom(opts.level),
      base: { pid: process.pid, ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors reach formatters.log whole, so redactDeep names their real type and follows their cause.
      serializers: { err: (err: unknown) => err },
      formatters: {
        // Named levels ("error"), not pino's numbers: people and grep read these.
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object) as Record<string, unknown>,
      },
      // Paths too, so a secret under an innocent-looking parent is censored even past redactDeep's depth.
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: REDACTED },
      hooks: {
        // The message string is not part of the object formatters.log sees.
        logMethod(args, method) {
          const redacted = args.map((a) => (typeof a === "string" ? redact(a) : a)) as typeof args;
          method.apply(this, redacted);
        },
      },
    },
    stream,
  );
}

/** The process's logger. */
export const log: Logger = createLogger({ level: process.env.VIGIL_LOG_LEVEL, destination: process.env.VIGIL_LOG_FILE || undefined });

/** Milliseconds since `startedAt` (from Date.now()), for the durationMs field. */
export function since(startedAt: number): number {
  return Date.now() - startedAt;
}
