import "server-only";
import { MatrixApiError } from "../collect/matrix/http";
import { redact, unsendableCredential } from "../secrets/redact";
import { getConnectionSecrets } from "../settings/connections";

/** The homeserver as remediation needs it: URL, auditor, admin or not, and a request function holding the token. */
export interface Homeserver {
  auditorUserId: string;
  admin: boolean;
  request(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<unknown>;
}

export class NotConfiguredError extends Error {
  constructor() {
    super("No homeserver token is configured: connect the auditor account in Settings → Homeserver.");
  }
}

/**
 * Opens the configured homeserver with the sealed token, server-side only. No
 * retries: a mutation is sent once, and a failure is reported, not repeated.
 */
export async function openHomeserver(fetchImpl: typeof fetch = fetch): Promise<Homeserver> {
  const secrets = await getConnectionSecrets();
  const hs = secrets.homeserver;
  if (!hs || !secrets.accessToken || !hs.userId) throw new NotConfiguredError();
  const base = hs.baseUrl.replace(/\/+$/, "");
  const token = secrets.accessToken;
  return {
    auditorUserId: hs.userId,
    admin: hs.admin === true,
    async request(method, path, body) {
      const what = `${method} ${path}`;
      // fetch's complaint about a bad header value would quote the token; say what is wrong with it instead.
      const unsendable = unsendableCredential(token);
      if (unsendable) throw new MatrixApiError("unknown-token", `The stored token cannot be sent (${unsendable}). Paste a new token in Settings → Homeserver.`);
      let res: Response;
      try {
        res = await fetchImpl(`${base}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (e) {
        throw new MatrixApiError("network", redact(`${what}: ${(e as Error).message}`, [token]));
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      const err = (json ?? {}) as { errcode?: unknown; error?: unknown };
      const errcode = typeof err.errcode === "string" ? err.errcode : undefined;
      const message = typeof err.error === "string" ? err.error : text.slice(0, 200);
      if (res.ok) return json ?? {};
      if (res.status === 401 || errcode === "M_UNKNOWN_TOKEN") throw new MatrixApiError("unknown-token", `The homeserver rejected the token (${errcode ?? 401}). Paste a new token in Settings → Homeserver.`, res.status, errcode);
      const kind = res.status === 403 ? "forbidden" : res.status === 404 ? "not-found" : res.status >= 500 ? "server" : "client";
      throw new MatrixApiError(kind, redact(`${what}: HTTP ${res.status} (${errcode ?? "no errcode"}): ${message}`, [token]), res.status, errcode);
    },
  };
}

export const seg = (id: string): string => encodeURIComponent(id);
