/**
 * The one door to the homeserver, for the collector, remediation and the connection test alike: every answer is
 * parsed with the caller's zod schema, every failure becomes a typed, redacted MatrixApiError, redirects are never
 * followed, bodies are read with a cap (error-body.ts), and each call says how it may be repeated (RetryPolicy).
 * Requests are counted so scans can report (and benchmarks compare) their cost.
 */
import type { z } from "zod";
import { redact, unsendableCredential } from "../secrets/redact";
import {
  BodyTooLargeError,
  errorWords,
  isRedirectRefusal,
  matrixErrorOf,
  MAX_BODY_BYTES,
  MAX_ERROR_BODY_BYTES,
  readCapped,
  REDIRECT_REFUSED,
} from "./error-body";

export type MatrixApiErrorKind =
  | "network" // connection refused/reset, timeout — after the retries its policy allows
  | "server" // 5xx (or 429) after the retries its policy allows
  | "unknown-token" // M_UNKNOWN_TOKEN / 401: the token is dead; nothing further can be read
  | "forbidden" // 403: not allowed (e.g. lost admin rights)
  | "not-found"
  | "client" // other 4xx, or a redirect (never followed)
  | "malformed"; // not JSON, JSON of the wrong shape, or a body past its cap

export class MatrixApiError extends Error {
  constructor(
    readonly kind: MatrixApiErrorKind,
    message: string,
    readonly status?: number,
    readonly errcode?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "MatrixApiError";
  }
}

/**
 * How one call may be repeated after a failure.
 * - "transient" (reads): network failures, timeouts, 5xx and 429 are retried with backoff; asking again changes nothing.
 * - "unsent" (writes that change the world): retried only when the homeserver provably did not act on it — a 429
 *   (rate-limited before it was handled) or a refused connection (nothing was sent). A 5xx, a reset or a timeout may
 *   arrive after the change was made, so it is reported, never repeated blindly.
 * - "once": a single attempt, for a diagnosis of how the server answers right now (the connection test).
 */
export type RetryPolicy = "transient" | "unsent" | "once";

export interface CallOptions {
  /** Defaults: "transient" for GET, "unsent" for POST, PUT and DELETE. A POST that only reads says "transient". */
  retry?: RetryPolicy;
}

export interface RequestStats {
  requests: number;
  retries: number;
  /** Requests per endpoint label, e.g. "admin.room.state". */
  byLabel: Record<string, number>;
}

export interface HomeserverClientOptions {
  baseUrl: string;
  /** Absent for the calls made before there is a token (versions, login): then no Authorization header is sent. */
  accessToken?: string;
  fetch?: typeof fetch;
  /** Extra attempts after the first, where the call's RetryPolicy allows one. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /**
   * The caller's limit (a scan's time limit): once it aborts, requests in flight are cancelled (their sockets closed),
   * none is retried or started, and each fails with the signal's reason in its message.
   */
  signal?: AbortSignal;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface HomeserverClient {
  get<S extends z.ZodType>(label: string, path: string, schema: S, call?: CallOptions): Promise<z.infer<S>>;
  post<S extends z.ZodType>(label: string, path: string, body: unknown, schema: S, call?: CallOptions): Promise<z.infer<S>>;
  put<S extends z.ZodType>(label: string, path: string, body: unknown, schema: S, call?: CallOptions): Promise<z.infer<S>>;
  delete<S extends z.ZodType>(label: string, path: string, schema: S, call?: CallOptions): Promise<z.infer<S>>;
  readonly stats: RequestStats;
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then checks the signal). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
/** Why the caller cancelled, in words: the reason it aborted with (a scan's limit names itself). */
const cancelledBecause = (signal: AbortSignal): string =>
  signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === "string" ? signal.reason : "the caller cancelled it";
/** A hinted wait longer than this is not honoured: the call fails instead of stalling a scan or a click. */
const MAX_HINTED_WAIT_MS = 10_000;

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** fetch hides the socket's reason in `cause`; a refused connection is the one failure where nothing was sent. */
const causeOf = (e: unknown): { code?: unknown; message?: unknown } | undefined =>
  e instanceof Error && e.cause && typeof e.cause === "object" ? (e.cause as { code?: unknown; message?: unknown }) : undefined;
const wasRefused = (e: unknown): boolean => causeOf(e)?.code === "ECONNREFUSED";
/** AbortSignal.timeout fired: on the headers or, for a server that stalls mid-body, on the body. */
const timedOut = (e: unknown): boolean =>
  e instanceof Error && (e.name === "TimeoutError" || (e.cause instanceof Error && e.cause.name === "TimeoutError"));
const describeFailure = (e: unknown): string => {
  const cause = causeOf(e)?.message;
  return `${e instanceof Error ? e.message : String(e)}${typeof cause === "string" ? ` (${cause})` : ""}`;
};

/** The `retry_after_ms` a 429 may carry, when it is a usable number. */
function hintedWait(json: unknown): number | undefined {
  if (!json || typeof json !== "object" || !("retry_after_ms" in json)) return undefined;
  const hinted = Number(json.retry_after_ms);
  return Number.isFinite(hinted) && hinted > 0 ? Math.min(hinted, MAX_HINTED_WAIT_MS) : undefined;
}

/**
 * Build a homeserver client; the token never leaves this closure except in the Authorization header.
 * Every error it throws is redacted here, at the one door, so no caller can leak the token by printing a message.
 */
export function createHomeserverClient(opts: HomeserverClientOptions): HomeserverClient {
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 250;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const base = opts.baseUrl.replace(/\/+$/, "");
  const token = opts.accessToken;
  const cancel = opts.signal;
  const stats: RequestStats = { requests: 0, retries: 0, byLabel: {} };

  async function once(label: string, method: Method, path: string, body: unknown): Promise<{ status: number; text: string }> {
    stats.requests++;
    stats.byLabel[label] = (stats.byLabel[label] ?? 0) + 1;
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The per-request limit, and the caller's: either one aborts the request and its body, closing the socket.
      signal: cancel ? AbortSignal.any([cancel, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      // Never followed: a redirect could carry the token elsewhere, or steer Vigil to an internal page (error-body.ts).
      redirect: "error",
    });
    return { status: res.status, text: await readCapped(res, res.ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES) };
  }

  // Checked before any request: fetch's own complaint about a bad header value quotes the whole header, token included.
  const unsendable = token === undefined ? null : unsendableCredential(token);
  const secrets = token === undefined ? [] : [token];

  async function request<S extends z.ZodType>(
    label: string,
    method: Method,
    path: string,
    body: unknown,
    schema: S,
    call: CallOptions | undefined,
  ): Promise<z.infer<S>> {
    if (unsendable) {
      throw new MatrixApiError(
        "unknown-token",
        `the access token cannot be sent in an HTTP header: ${unsendable}. Check the token file or variable`,
      );
    }
    const policy = call?.retry ?? (method === "GET" ? "transient" : "unsent");
    try {
      return await attempts(label, method, path, body, schema, policy);
    } catch (e) {
      const error = e instanceof MatrixApiError ? e : new MatrixApiError("network", describeFailure(e), undefined, undefined, { cause: e });
      throw new MatrixApiError(error.kind, redact(error.message, secrets), error.status, error.errcode, { cause: error.cause });
    }
  }

  async function attempts<S extends z.ZodType>(
    label: string,
    method: Method,
    path: string,
    body: unknown,
    schema: S,
    policy: RetryPolicy,
  ): Promise<z.infer<S>> {
    const what = `${method} ${path.split("?")[0]}`;
    const allowed = policy === "once" ? 0 : retries;
    const cancelled = (e?: unknown) =>
      new MatrixApiError("network", `${what}: cancelled: ${cancel ? cancelledBecause(cancel) : "aborted"}`, undefined, undefined, {
        cause: e,
      });
    for (let attempt = 0; ; attempt++) {
      const mayRetry = attempt < allowed;
      const retryAfter = async (ms: number) => {
        stats.retries++;
        await sleep(ms, cancel);
      };
      // Checked before every attempt: a cancelled caller starts nothing new, a retry included.
      if (cancel?.aborted) throw cancelled();
      let res: { status: number; text: string };
      try {
        res = await once(label, method, path, body);
      } catch (e) {
        if (cancel?.aborted) throw cancelled(e);
        if (isRedirectRefusal(e)) throw new MatrixApiError("client", `${what}: ${REDIRECT_REFUSED}`, undefined, undefined, { cause: e });
        if (e instanceof BodyTooLargeError) throw new MatrixApiError("malformed", `${what}: ${e.message}`);
        if (mayRetry && (policy === "transient" || wasRefused(e))) {
          await retryAfter(backoffMs * 2 ** attempt);
          continue;
        }
        const failure = timedOut(e)
          ? `no complete answer within ${timeoutMs / 1000} s (the per-request time limit), ${attempt + 1} attempt(s)`
          : describeFailure(e);
        throw new MatrixApiError("network", `${what}: ${failure}`, undefined, undefined, { cause: e });
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
        if (mayRetry && (policy === "transient" || res.status === 429)) {
          await retryAfter(hintedWait(json) ?? backoffMs * 2 ** attempt);
          continue;
        }
        throw new MatrixApiError("server", `${what}: HTTP ${res.status} after ${attempt + 1} attempt(s): ${error}`, res.status, errcode);
      }
      if (res.status === 401 || errcode === "M_UNKNOWN_TOKEN") {
        throw new MatrixApiError(
          "unknown-token",
          `the access token was rejected (${errcode ?? res.status}): ${error}`,
          res.status,
          errcode,
        );
      }
      if (res.status === 403) throw new MatrixApiError("forbidden", `${what}: forbidden (${errcode ?? 403}): ${error}`, 403, errcode);
      if (res.status === 404) throw new MatrixApiError("not-found", `${what}: not found (${errcode ?? 404}): ${error}`, 404, errcode);
      if (res.status >= 400) {
        throw new MatrixApiError("client", `${what}: HTTP ${res.status} (${errcode ?? "no errcode"}): ${error}`, res.status, errcode);
      }
      if (json === undefined) throw new MatrixApiError("malformed", `${what}: response is not JSON`, res.status);
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new MatrixApiError("malformed", `${what}: unexpected response shape: ${summariseIssues(parsed.error)}`, res.status);
      return parsed.data;
    }
  }

  return {
    stats,
    get: (label, path, schema, call) => request(label, "GET", path, undefined, schema, call),
    post: (label, path, body, schema, call) => request(label, "POST", path, body, schema, call),
    put: (label, path, body, schema, call) => request(label, "PUT", path, body, schema, call),
    delete: (label, path, schema, call) => request(label, "DELETE", path, undefined, schema, call),
  };
}

/** Percent-encode a Matrix id for a path segment (ids contain ':', '!', '@', '#'). */
export const seg = (id: string): string => encodeURIComponent(id);
