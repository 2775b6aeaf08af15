import { matrixErrorOf, MAX_ERROR_BODY_BYTES, readCapped } from "../collect/matrix/error-body";
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

/**
 * Says precisely what works: reachable, speaks Matrix (versions), token valid
 * (whoami), server admin or not. Stops at the first step that fails, since the
 * later ones cannot be told apart from it.
 */
export async function testHomeserver(baseUrl: string, accessToken?: string): Promise<HomeserverReport> {
  const steps: ConnectionStep[] = [];
  const base = baseUrl.replace(/\/+$/, "");
  const get = (path: string, token?: string) =>
    fetch(base + path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });

  let versionsRes: Response;
  try {
    versionsRes = await get("/_matrix/client/versions");
  } catch (err) {
    steps.push({ step: "reachable", ok: false, detail: describeFetchError(err, base) });
    return { ok: false, steps };
  }
  steps.push({ step: "reachable", ok: true, detail: `${new URL(base).host} answered (HTTP ${versionsRes.status})` });

  const versions = await readJson(versionsRes);
  const list = (versions as { versions?: unknown })?.versions;
  if (!versionsRes.ok || !Array.isArray(list)) {
    steps.push({
      step: "versions",
      ok: false,
      detail: `${base}/_matrix/client/versions did not return a Matrix versions list (HTTP ${versionsRes.status}). Is this the homeserver's client URL?`,
    });
    return { ok: false, steps };
  }
  const versionList = list.filter((v): v is string => typeof v === "string");
  steps.push({ step: "versions", ok: true, detail: `Speaks Matrix ${versionList.slice(-3).join(", ")}` });

  if (!accessToken) {
    steps.push({ step: "token", ok: false, detail: "No access token is configured for the auditor account." });
    return { ok: false, steps, versions: versionList };
  }
  // fetch's complaint about a bad header value quotes the whole header, token included: check first, name no character.
  const unsendable = unsendableCredential(accessToken);
  if (unsendable) {
    steps.push({ step: "token", ok: false, detail: `The access token cannot be sent in an HTTP header: ${unsendable}. Paste it again.` });
    return { ok: false, steps, versions: versionList };
  }
  const whoami = await get("/_matrix/client/v3/account/whoami", accessToken).catch((e: unknown) => e);
  if (!(whoami instanceof Response)) {
    steps.push({ step: "token", ok: false, detail: redact(describeFetchError(whoami, base), [accessToken]) });
    return { ok: false, steps, versions: versionList };
  }
  const who = (await readJson(whoami)) as { user_id?: unknown; errcode?: unknown; error?: unknown } | null;
  if (!whoami.ok || typeof who?.user_id !== "string") {
    const matrixError = matrixErrorOf(who);
    const errcode = matrixError.errcode ?? `HTTP ${whoami.status}`;
    const hint =
      errcode === "M_UNKNOWN_TOKEN"
        ? "The homeserver rejected the token (M_UNKNOWN_TOKEN). Paste a new token in Settings → Homeserver."
        : redact(`The homeserver refused the token (${errcode}${matrixError.error ? `: ${matrixError.error}` : ""}).`, [accessToken]);
    steps.push({ step: "token", ok: false, detail: hint });
    return { ok: false, steps, versions: versionList };
  }
  const userId = who.user_id;
  steps.push({ step: "token", ok: true, detail: `Token is valid for ${userId}` });

  // Synapse's admin API answers 403 M_FORBIDDEN to non-admins: a partial view, not an error.
  const adminRes = await get(`/_synapse/admin/v1/users/${encodeURIComponent(userId)}/admin`, accessToken).catch(
    (e: unknown) => e,
  );
  const adminBody = adminRes instanceof Response ? ((await readJson(adminRes)) as { admin?: unknown } | null) : null;
  const admin = adminRes instanceof Response && adminRes.ok && adminBody?.admin === true;
  const serverVersion = admin ? await readServerVersion(get, accessToken) : undefined;
  steps.push({
    step: "admin",
    ok: admin,
    detail: admin
      ? `${userId} is a server admin: Vigil sees every room and device${serverVersion ? ` (Synapse ${serverVersion})` : ""}.`
      : `${userId} is not a server admin (or this is not Synapse): Vigil will see only the rooms it has joined — a partial view.`,
  });
  return { ok: true, steps, versions: versionList, serverVersion, userId, admin };
}

async function readServerVersion(get: (p: string, t?: string) => Promise<Response>, token: string) {
  const res = await get("/_synapse/admin/v1/server_version", token).catch(() => null);
  const body = res ? ((await readJson(res)) as { server_version?: unknown } | null) : null;
  return typeof body?.server_version === "string" ? body.server_version : undefined;
}

/** Every answer here is small; a body past the cap, or not JSON, reads as nothing. */
async function readJson(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await readCapped(res, MAX_ERROR_BODY_BYTES));
  } catch {
    return null;
  }
}

/** Exchanges user + password for a token once; the password is not kept. */
export async function loginForToken(baseUrl: string, user: string, password: string): Promise<string> {
  const base = baseUrl.replace(/\/+$/, "");
  let res: Response;
  try {
    res = await fetch(`${base}/_matrix/client/v3/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "m.login.password",
        identifier: { type: "m.id.user", user },
        password,
        initial_device_display_name: "Vigil auditor (server)",
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error", // a password must never follow a redirect
    });
  } catch (err) {
    throw new Error(describeFetchError(err, base));
  }
  const body = (await readJson(res)) as { access_token?: unknown; errcode?: unknown; error?: unknown } | null;
  if (res.ok && typeof body?.access_token === "string") return body.access_token;
  if (body?.errcode === "M_FORBIDDEN") throw new Error(`The homeserver rejected the user name or password for ${user}.`);
  throw new Error(
    `Sign-in to the homeserver failed (${typeof body?.errcode === "string" ? body.errcode : `HTTP ${res.status}`}). If it only offers SSO, paste an access token instead.`,
  );
}
