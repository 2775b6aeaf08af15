/**
 * The one door to the homeserver: retries transient failures with backoff,
 * turns every failure into a typed MatrixApiError, validates bodies with zod,
 * and counts requests so scans can report (and benchmarks compare) their cost.
 */
import type { z } from "zod";
import { redact, unsendableCredential } from "../../secrets/redact";
import { BodyTooLargeError, errorWords, isRedirectRefusal, matrixErrorOf, MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, readCapped, REDIRECT_REFUSED } from "./error-body";

export type MatrixApiErrorKind =
  | "network" // connection refused/reset, timeout — after retries
  | "server" // 5xx after retries
  | "unknown-token" // M_UNKNOWN_TOKEN / 401: the token is dead; the scan cannot continue
  | "forbidden" // 403: not allowed (e.g. lost admin rights)
  | "not-found"
  | "client" // other 4xx
  | "malformed"; // not JSON, or JSON of the wrong shape

export class MatrixApiError extends Error {
  constructor(
    readonly kind: MatrixApiErrorKind,
    message: string,
    readonly status?: number,
    readonly errcode?: string,
  ) {
    super(message);
    this.name = "MatrixApiError";
  }
}

export interface RequestStats {
  requests: number;
  retries: number;
  /** Requests per endpoint label, e.g. "admin.room.state". */
  byLabel: Record<string, number>;
}

export interface MatrixHttpOptions {
  baseUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
  /** Extra attempts after the first for network errors, 5xx and 429. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
}

export interface MatrixHttp {
  get<S extends z.ZodType>(label: string, path: string, schema: S): Promise<z.infer<S>>;
  post<S extends z.ZodType>(label: string, path: string, body: unknown, schema: S): Promise<z.infer<S>>;
  readonly stats: RequestStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/**
 * Build the HTTP client a collector uses; the token never leaves this closure except in the Authorization header.
 * Every error it throws is redacted here, at the one door, so no caller can leak the token by printing a message.
 */
export function createMatrixHttp(opts: MatrixHttpOptions): MatrixHttp {
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 250;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const base = opts.baseUrl.replace(/\/+$/, "");
  const stats: RequestStats = { requests: 0, retries: 0, byLabel: {} };

  async function once(label: string, method: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
    stats.requests++;
    stats.byLabel[label] = (stats.byLabel[label] ?? 0) + 1;
    const res = await doFetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${opts.accessToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      // Never followed: a redirect could carry the token elsewhere, or steer Vigil to an internal page (lib/collect/matrix/error-body.ts).
      redirect: "error",
    });
    return { status: res.status, text: await readCapped(res, res.ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES) };
  }

  // Checked before any request: fetch's own complaint about a bad header value quotes the whole header, token included.
  const unsendable = unsendableCredential(opts.accessToken);

  async function request(label: string, method: string, path: string, body: unknown, schema: z.ZodType): Promise<unknown> {
    if (unsendable) {
      throw new MatrixApiError("unknown-token", `the access token cannot be sent in an HTTP header: ${unsendable}. Check the token file or variable`);
    }
    try {
      return await attempts(label, method, path, body, schema);
    } catch (e) {
      const error = e instanceof MatrixApiError ? e : new MatrixApiError("network", e instanceof Error ? e.message : String(e));
      throw new MatrixApiError(error.kind, redact(error.message, [opts.accessToken]), error.status, error.errcode);
    }
  }

  async function attempts(label: string, method: string, path: string, body: unknown, schema: z.ZodType): Promise<unknown> {
    const what = `${method} ${path.split("?")[0]}`;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      let res: { status: number; text: string };
      try {
        res = await once(label, method, path, body);
      } catch (e) {
        if (isRedirectRefusal(e)) throw new MatrixApiError("client", `${what}: ${REDIRECT_REFUSED}`);
        if (e instanceof BodyTooLargeError) throw new MatrixApiError("malformed", `${what}: ${e.message}`);
        if (!last) {
          stats.retries++;
          await sleep(backoffMs * 2 ** attempt);
          continue;
        }
        throw new MatrixApiError("network", `${what}: ${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause: Error }).cause.message})` : ""}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      const matrixError = matrixErrorOf(json);
      const errcode = matrixError.errcode;
      const error = errorWords(matrixError);
      if (res.status >= 500 || res.status === 429) {
        if (!last) {
          stats.retries++;
          const hinted = Number((json as { retry_after_ms?: unknown })?.retry_after_ms);
          await sleep(Number.isFinite(hinted) && hinted > 0 ? Math.min(hinted, 10_000) : backoffMs * 2 ** attempt);
          continue;
        }
        throw new MatrixApiError("server", `${what}: HTTP ${res.status} after ${retries + 1} attempts: ${error}`, res.status, errcode);
      }
      if (res.status === 401 || errcode === "M_UNKNOWN_TOKEN") {
        throw new MatrixApiError("unknown-token", `the access token was rejected (${errcode ?? res.status}): ${error}`, res.status, errcode);
      }
      if (res.status === 403) throw new MatrixApiError("forbidden", `${what}: forbidden (${errcode ?? 403}): ${error}`, 403, errcode);
      if (res.status === 404) throw new MatrixApiError("not-found", `${what}: not found (${errcode ?? 404}): ${error}`, 404, errcode);
      if (res.status >= 400) throw new MatrixApiError("client", `${what}: HTTP ${res.status} (${errcode ?? "no errcode"}): ${error}`, res.status, errcode);
      if (json === undefined) throw new MatrixApiError("malformed", `${what}: response is not JSON`, res.status);
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new MatrixApiError("malformed", `${what}: unexpected response shape: ${summariseIssues(parsed.error)}`, res.status);
      return parsed.data;
    }
  }

  return {
    stats,
    get: (label, path, schema) => request(label, "GET", path, undefined, schema) as never,
    post: (label, path, body, schema) => request(label, "POST", path, body, schema) as never,
  };
}

/** Bounded-concurrency map that never rejects: each item's failure is handed to `onError`. */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (e) {
        onError(item, e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Percent-encode a Matrix id for a path segment (ids contain ':', '!', '@', '#'). */
export const seg = (id: string): string => encodeURIComponent(id);
