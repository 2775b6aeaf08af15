/**
 * Account plumbing over the raw API: shared-secret registration (the only
 * way in, since open registration is off) and password login with a chosen,
 * stable device id so the registry can declare it.
 */
import crypto from "node:crypto";
import { api } from "./http";

export interface Session {
  userId: string;
  deviceId: string;
  accessToken: string;
}

/**
 * POST /_synapse/admin/v1/register with the HMAC-SHA1 nonce mac.
 * `inhibit_login` so registration creates no stray device of its own.
 */
export async function registerUser(
  baseUrl: string,
  sharedSecret: string,
  u: { localpart: string; password: string; admin?: boolean; displayName?: string },
): Promise<string> {
  const { nonce } = await api<{ nonce: string }>(baseUrl, "GET", "/_synapse/admin/v1/register");
  const mac = crypto
    .createHmac("sha1", sharedSecret)
    .update([nonce, u.localpart, u.password, u.admin ? "admin" : "notadmin"].join("\0"))
    .digest("hex");
  const res = await api<{ user_id: string }>(baseUrl, "POST", "/_synapse/admin/v1/register", {
    body: {
      nonce,
      username: u.localpart,
      password: u.password,
      admin: !!u.admin,
      displayname: u.displayName,
      mac,
      inhibit_login: true,
    },
  });
  return res.user_id;
}

export async function passwordLogin(
  baseUrl: string,
  userId: string,
  password: string,
  deviceId: string,
  displayName: string,
): Promise<Session> {
  const res = await api<{ user_id: string; device_id: string; access_token: string }>(baseUrl, "POST", "/_matrix/client/v3/login", {
    body: {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: userId },
      password,
      device_id: deviceId,
      initial_device_display_name: displayName,
    },
  });
  return { userId: res.user_id, deviceId: res.device_id, accessToken: res.access_token };
}

/** Random per-seed password: the testbed is throwaway, but no fixed secrets in git. */
export const newPassword = (): string => crypto.randomBytes(18).toString("base64url");

interface KeysQuery {
  device_keys?: Record<string, Record<string, { signatures?: Record<string, Record<string, string>> }>>;
  master_keys?: Record<string, unknown>;
  self_signing_keys?: Record<string, { keys: Record<string, string> }>;
}

/** What the server publishes for one user, as any client (or Vigil) would see it. */
export function queryKeys(baseUrl: string, token: string, userId: string): Promise<KeysQuery> {
  return api<KeysQuery>(baseUrl, "POST", "/_matrix/client/v3/keys/query", {
    token,
    body: { device_keys: { [userId]: [] } },
  });
}
