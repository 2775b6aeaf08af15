/**
 * User-interactive auth by password: try without auth, and when the server
 * answers 401 with a UIA session, retry once with m.login.password.
 */
import type { AuthDict, UIAuthCallback } from "matrix-js-sdk";

const uiaSession = (e: unknown): string | null => {
  const data = (e as { data?: { session?: unknown; flows?: unknown } }).data;
  return typeof data?.session === "string" ? data.session : null;
};

/** A UIAuthCallback for the SDK's bootstrap and device deletion calls. */
export function passwordAuth<T>(userId: string, password: string): UIAuthCallback<T> {
  return async (makeRequest: (auth: AuthDict | null) => Promise<T>) => {
    try {
      return await makeRequest(null);
    } catch (e) {
      const session = uiaSession(e);
      if (!session) throw e;
      return makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password, session });
    }
  };
}

/** Translate a Matrix error into a sentence for the page. */
export function describeMatrixError(e: unknown): string {
  const err = e as { errcode?: unknown; data?: { error?: unknown }; message?: unknown; name?: unknown };
  if (err.errcode === "M_FORBIDDEN") return "The homeserver refused: wrong password, or this account may not do that.";
  if (typeof err.data?.error === "string") return err.data.error;
  if (err.name === "ConnectionError" || (err.name === "TypeError" && String(err.message).includes("fetch")))
    return "The homeserver is not answering. Check it is running and reachable from this browser, then try again.";
  return typeof err.message === "string" ? err.message : String(e);
}
