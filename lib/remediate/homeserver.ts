import "server-only";
import { errorWords, isRedirectRefusal, matrixErrorOf, MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, readCapped, REDIRECT_REFUSED } from "../collect/matrix/error-body";
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
          redirect: "error", // never followed: it could carry the token elsewhere
        });
      } catch (e) {
        if (isRedirectRefusal(e)) throw new MatrixApiError("client", `${what}: ${REDIRECT_REFUSED}`);
        throw new MatrixApiError("network", redact(`${what}: ${(e as Error).message}`, [token]));
      }
      let text: string;
      try {
        text = await readCapped(res, res.ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES);
      } catch (e) {
        throw new MatrixApiError("malformed", `${what}: ${(e as Error).message}`, res.status);
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      // Only a Matrix error's errcode and bounded message are repeated; any other body is not (error-body.ts).
      const matrixError = matrixErrorOf(json);
      const errcode = matrixError.errcode;
      const message = errorWords(matrixError);
      if (res.ok) return json ?? {};
      if (res.status === 401 || errcode === "M_UNKNOWN_TOKEN") throw new MatrixApiError("unknown-token", `The homeserver rejected the token (${errcode ?? 401}). Paste a new token in Settings → Homeserver.`, res.status, errcode);
      const kind = res.status === 403 ? "forbidden" : res.status === 404 ? "not-found" : res.status >= 500 ? "server" : "client";
      throw new MatrixApiError(kind, redact(`${what}: HTTP ${res.status} (${errcode ?? "no errcode"}): ${message}`, [token]), res.status, errcode);
    },
  };
}

export const seg = (id: string): string => encodeURIComponent(id);
