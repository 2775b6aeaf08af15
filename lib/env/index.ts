/**
 * The environment, read and validated once. Nothing else reads process.env:
 * a typo in a variable name fails here, at start, with its name.
 */
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where Vigil keeps its embedded database and generated keys. */
  VIGIL_DATA_DIR: z.string().min(1).default(".vigil"),
  /** Unset or a path: embedded Postgres (PGlite). postgres://…: a PostgreSQL server. */
  DATABASE_URL: z.string().optional(),
  /** 32 bytes, base64. Unset: a key file in VIGIL_DATA_DIR, created mode 0600. */
  VIGIL_SECRET_KEY: z.string().optional(),
  /** Signs session cookies. Unset: a key file in VIGIL_DATA_DIR. */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Path to the config file; missing file is fine, a bad one is not. */
  VIGIL_CONFIG: z.string().default("vigil.config.yaml"),
  /** One-time setup of the first admin (ignored once any user exists). */
  VIGIL_ADMIN_EMAIL: z.email().optional(),
  VIGIL_ADMIN_PASSWORD: z.string().min(12, "VIGIL_ADMIN_PASSWORD must be at least 12 characters").optional(),
  /** The auditor's homeserver token, when vigil.config.yaml names neither accessToken nor accessTokenFile. */
  VIGIL_HOMESERVER_TOKEN: z.string().trim().min(1).optional(),
  /** Bearer token for /api/metrics; overrides one generated in Settings → Alerts. */
  VIGIL_METRICS_TOKEN: z.string().trim().min(16, "VIGIL_METRICS_TOKEN must be at least 16 characters").optional(),
  /** Absolute session lifetime in hours: a session ends this long after sign-in, however active. */
  VIGIL_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** Idle timeout in minutes: a session nobody used for this long ends. */
  VIGIL_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  /**
   * The URL people open Vigil at. https://… makes session cookies Secure and __Host- and turns on HSTS;
   * unset, each request decides from X-Forwarded-Proto (set by a TLS-terminating proxy).
   */
  NEXTAUTH_URL: z.url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses process.env once; throws one message listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the parsed environment: for tests that change process.env mid-run. */
export function resetEnv(): void {
  cached = undefined;
}

/** Absolute path inside the data directory. */
export const dataPath = (...parts: string[]): string => path.resolve(env().VIGIL_DATA_DIR, ...parts);
