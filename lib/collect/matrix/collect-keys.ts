/**
 * Cross-signing and device keys for every user in scope, via `/keys/query` in
 * batches, then trust computed locally (trust.ts). A failed batch leaves its
 * users out of the snapshot rather than reporting them "absent": a missing
 * answer must not read as a missing key.
 */
import { verifySignedJson } from "../../crypto/ed25519";
import type { DeviceFacts, UserFacts } from "../../snapshot/types";
import { MatrixApiError } from "../../homeserver/client";
import { forEachBounded } from "./for-each-bounded";
import { recordError, stopped } from "./scan-errors";
import { BackupVersionSchema, KeysQuerySchema } from "./schemas";
import type { ScanContext } from "./source";
import { auditorKeys, evaluateDeviceTrust, evaluateUserTrust, type KeysQueryResponse, type UserTrust } from "./trust";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Query keys for `userIds` in batches; returns the merged response and the users it could not answer for. */
export async function queryKeys(
  ctx: ScanContext,
  userIds: string[],
  batchSize: number,
): Promise<{ resp: KeysQueryResponse; failed: Set<string> }> {
  const resp: Required<KeysQueryResponse> = { device_keys: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} };
  const failed = new Set<string>();
  const batches: string[][] = [];
  for (let i = 0; i < userIds.length; i += batchSize) batches.push(userIds.slice(i, i + batchSize));
  await forEachBounded(
    batches,
    Math.max(1, Math.min(ctx.concurrency, 4)), // keys/query is heavy on Synapse; fewer, larger requests
    async (batch) => {
      if (stopped(ctx)) return void batch.forEach((u) => failed.add(u));
      const body = { device_keys: Object.fromEntries(batch.map((u) => [u, []])), timeout: 10_000 };
      // A query, though sent as POST: asking again changes nothing, so it retries like a read.
      const r = await ctx.http.post("cs.keys.query", "/_matrix/client/v3/keys/query", body, KeysQuerySchema, { retry: "transient" });
      const asked = new Set(batch); // ignore anything the server volunteers about users we did not ask for
      for (const [field, target] of Object.entries(resp) as [keyof KeysQueryResponse, Record<string, unknown>][]) {
        for (const [userId, v] of Object.entries(r[field] ?? {})) if (asked.has(userId) && isRecord(v)) target[userId] = v;
      }
      for (const [server, why] of Object.entries(r.failures ?? {})) {
        ctx.errors.push({
          source: "matrix",
          scope: `keys of users on ${server}`,
          message: `remote server did not answer /keys/query: ${JSON.stringify(why).slice(0, 200)}`,
        });
        batch.filter((u) => u.endsWith(`:${server}`)).forEach((u) => failed.add(u));
      }
    },
    (batch, e) => {
      batch.forEach((u) => failed.add(u));
      recordError(ctx, `keys of ${batch.length} users (${batch[0]}…)`, e);
    },
  );
  return { resp: resp as KeysQueryResponse, failed };
}

/** Trust per user and per device. Devices listed by the Admin API but absent from keys are "no-keys". */
export function applyTrust(
  resp: KeysQueryResponse,
  auditorUserId: string,
  userIds: string[],
  listedDevices: Omit<DeviceFacts, "trust">[] | undefined,
): { trust: Map<string, UserTrust>; devices: DeviceFacts[]; auditor: ReturnType<typeof auditorKeys> } {
  const auditor = auditorKeys(resp, auditorUserId);
  const trust = new Map(userIds.map((u) => [u, evaluateUserTrust(resp, u, auditorUserId, auditor)] as const));
  const devices: DeviceFacts[] = [];
  const seen = new Set<string>();
  for (const d of listedDevices ?? []) {
    const owner = trust.get(d.userId);
    if (!owner) continue;
    seen.add(`${d.userId}|${d.deviceId}`);
    devices.push({ ...d, ...evaluateDeviceTrust(resp, d.userId, d.deviceId, owner) });
  }
  // Non-admin view: /keys/query is the only device list. Admin view: keys for a device the
  // server does not list are still worth showing (a deleted device's keys lingering).
  for (const userId of userIds) {
    const owner = trust.get(userId);
    const published = resp.device_keys?.[userId];
    if (!owner || !isRecord(published)) continue;
    for (const deviceId of Object.keys(published)) {
      if (seen.has(`${userId}|${deviceId}`)) continue;
      const dk = published[deviceId];
      const displayName =
        isRecord(dk) && isRecord(dk.unsigned) && typeof dk.unsigned.device_display_name === "string"
          ? dk.unsigned.device_display_name
          : undefined;
      devices.push({ userId, deviceId, ...(displayName ? { displayName } : {}), ...evaluateDeviceTrust(resp, userId, deviceId, owner) });
    }
  }
  return { trust, devices, auditor };
}

/**
 * The auditor's own key backup: trusted only when auth_data is signed by the auditor's
 * master key or one of its owner-verified devices. 404 means no backup (null).
 */
export async function collectAuditorBackup(
  ctx: ScanContext,
  auditorUserId: string,
  masterKey: string | undefined,
  devices: DeviceFacts[],
): Promise<UserFacts["backup"]> {
  try {
    const b = await ctx.http.get("cs.room_keys.version", "/_matrix/client/v3/room_keys/version", BackupVersionSchema);
    const signers: [string, string][] = [];
    if (masterKey) signers.push([`ed25519:${masterKey}`, masterKey]);
    for (const d of devices)
      if (d.userId === auditorUserId && d.trust === "verified-by-owner" && d.keys?.ed25519)
        signers.push([`ed25519:${d.deviceId}`, d.keys.ed25519]);
    const trusted = signers.some(([keyId, pub]) => verifySignedJson(b.auth_data, auditorUserId, keyId, pub) === "valid");
    return { version: b.version, algorithm: b.algorithm, trusted };
  } catch (e) {
    if (e instanceof MatrixApiError && e.kind === "not-found") return null;
    recordError(ctx, "auditor key backup", e);
    return undefined;
  }
}
