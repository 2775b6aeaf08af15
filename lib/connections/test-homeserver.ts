import { z } from "zod";
import { createHomeserverClient, MatrixApiError, seg, type HomeserverClient } from "../homeserver/client";
import { redact, unsendableCredential } from "../secrets/redact";
import { describeFetchError } from "./http-error";

export interface ConnectionStep {
  step: "reachable" | "versions" | "token" | "admin";
  ok: boolean;
  detail: string;
}

export interface HomeserverReport {
  ok: boolean;
  steps: ConnectionStep[];
  versions?: string[];
  serverVersion?: string;
  userId?: string;
  admin?: boolean;
}

const TIMEOUT_MS = 8000;

const VersionsSchema = z.looseObject({ versions: z.array(z.unknown()) });
const WhoamiSchema = z.looseObject({ user_id: z.string().min(1) });
const AdminFlagSchema = z.looseObject({ admin: z.boolean() });
const ServerVersionSchema = z.looseObject({ server_version: z.string() });
const LoginSchema = z.looseObject({ access_token: z.string().min(1) });

/** The connection test reports how the server answers now: one attempt per call, never a retry that hides a failure. */
const client = (baseUrl: string, accessToken?: string): HomeserverClient =>
  createHomeserverClient({ baseUrl, accessToken, retries: 0, timeoutMs: TIMEOUT_MS });

/** No HTTP answer to read (refused, reset, timeout, TLS, a refused redirect): the sentence for that comes from fetch's own error. */
const unanswered = (e: unknown): e is MatrixApiError =>
  e instanceof MatrixApiError && (e.kind === "network" || (e.kind === "client" && e.status === undefined));
const fetchFailureOf = (e: MatrixApiError): unknown => e.cause ?? e;

/**
 * Says precisely what works: reachable, speaks Matrix (versions), token valid
 * (whoami), server admin or not. Stops at the first step that fails, since the
 * later ones cannot be told apart from it.
 */
export async function testHomeserver(baseUrl: string, accessToken?: string): Promise<HomeserverReport> {
  const steps: ConnectionStep[] = [];
  const base = baseUrl.replace(/\/+$/, "");
  const host = new URL(base).host;

  let versionList: string[];
  try {
    const answer = await client(base).get("cs.versions", "/_matrix/client/versions", VersionsSchema, { retry: "once" });
    versionList = answer.versions.filter((v): v is string => typeof v === "string");
  } catch (e) {
    if (unanswered(e)) {
      steps.push({ step: "reachable", ok: false, detail: describeFetchError(fetchFailureOf(e), base) });
      return { ok: false, steps };
    }
    const status = e instanceof MatrixApiError && e.status !== undefined ? `HTTP ${e.status}` : "an unreadable answer";
    steps.push({ step: "reachable", ok: true, detail: `${host} answered (${status})` });
    steps.push({
      step: "versions",
      ok: false,
      detail: `${base}/_matrix/client/versions did not return a Matrix versions list (${status}). Is this the homeserver's client URL?`,
    });
    return { ok: false, steps };
  }
  steps.push({ step: "reachable", ok: true, detail: `${host} answered` });
  steps.push({ step: "versions", ok: true, detail: `Speaks Matrix ${versionList.slice(-3).join(", ")}` });

  if (!accessToken) {
    steps.push({ step: "token", ok: false, detail: "No access token is configured for the auditor account." });
    return { ok: false, steps, versions: versionList };
  }
  // The client would refuse too; here the sentence names the fix. It never names the character or the token.
  const unsendable = unsendableCredential(accessToken);
  if (unsendable) {
    steps.push({ step: "token", ok: false, detail: `The access token cannot be sent in an HTTP header: ${unsendable}. Paste it again.` });
    return { ok: false, steps, versions: versionList };
  }
  const hs = client(base, accessToken);
  let userId: string;
  try {
    userId = (await hs.get("cs.whoami", "/_matrix/client/v3/account/whoami", WhoamiSchema, { retry: "once" })).user_id;
  } catch (e) {
    steps.push({ step: "token", ok: false, detail: tokenRefusal(e, base, accessToken) });
    return { ok: false, steps, versions: versionList };
  }
  steps.push({ step: "token", ok: true, detail: `Token is valid for ${userId}` });

  // Synapse's admin API answers 403 M_FORBIDDEN to non-admins: a partial view, not an error.
  const admin = await hs
    .get("admin.whoami_admin", `/_synapse/admin/v1/users/${seg(userId)}/admin`, AdminFlagSchema, { retry: "once" })
    .then(
      (r) => r.admin,
      () => false,
    );
  const serverVersion = admin
    ? await hs.get("admin.server_version", "/_synapse/admin/v1/server_version", ServerVersionSchema, { retry: "once" }).then(
        (r) => r.server_version,
        () => undefined,
      )
    : undefined;
  steps.push({
    step: "admin",
    ok: admin,
    detail: admin
      ? `${userId} is a server admin: Vigil sees every room and device${serverVersion ? ` (Synapse ${serverVersion})` : ""}.`
      : `${userId} is not a server admin (or this is not Synapse): Vigil will see only the rooms it has joined — a partial view.`,
  });
  return { ok: true, steps, versions: versionList, serverVersion, userId, admin };
}

/** Why whoami failed, in words a user can act on; the client has already redacted the token from its own messages. */
function tokenRefusal(e: unknown, base: string, accessToken: string): string {
  if (unanswered(e)) return redact(describeFetchError(fetchFailureOf(e), base), [accessToken]);
  if (e instanceof MatrixApiError && e.errcode === "M_UNKNOWN_TOKEN") {
    return "The homeserver rejected the token (M_UNKNOWN_TOKEN). Paste a new token in Settings → Homeserver.";
  }
  const why = e instanceof MatrixApiError ? (e.errcode ?? (e.status === undefined ? e.kind : `HTTP ${e.status}`)) : "no answer";
  return redact(`The homeserver refused the token (${why}): ${e instanceof Error ? e.message : String(e)}`, [accessToken]);
}

/** Exchanges user + password for a token once; the password is not kept. */
export async function loginForToken(baseUrl: string, user: string, password: string): Promise<string> {
  const base = baseUrl.replace(/\/+$/, "");
  const body = {
    type: "m.login.password",
    identifier: { type: "m.id.user", user },
    password,
    initial_device_display_name: "Vigil auditor (server)",
  };
  try {
    // "unsent": each successful login makes a device, so only an answer that provably did nothing (429) is retried.
    // A password never follows a redirect: the client refuses every one.
    return (await client(base).post("cs.login", "/_matrix/client/v3/login", body, LoginSchema, { retry: "unsent" })).access_token;
  } catch (e) {
    if (unanswered(e)) throw new Error(describeFetchError(fetchFailureOf(e), base));
    if (e instanceof MatrixApiError && e.errcode === "M_FORBIDDEN")
      throw new Error(`The homeserver rejected the user name or password for ${user}.`);
    const why = e instanceof MatrixApiError ? (e.errcode ?? (e.status === undefined ? e.kind : `HTTP ${e.status}`)) : "no answer";
    throw new Error(`Sign-in to the homeserver failed (${why}). If it only offers SSO, paste an access token instead.`);
  }
}
