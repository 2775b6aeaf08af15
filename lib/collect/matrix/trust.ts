/**
 * Trust computed from a raw `/keys/query` response: every verdict comes from
 * ed25519 signatures checked here, never from the homeserver's opinion, because
 * the threat model includes a malicious homeserver operator.
 *
 * Chain: master key → self-signing key → device key (verified by owner);
 * auditor's master → auditor's user-signing key → user's master (verified by auditor).
 */
import { verifySignedJson, type SignatureStatus } from "../../crypto/ed25519";
import type { CrossSigningState, DeviceTrust, UserFacts } from "../../snapshot/types";

type Json = Record<string, unknown>;

/** The parts of a `/keys/query` response trust needs. Objects must be kept verbatim: signatures cover every field. */
export interface KeysQueryResponse {
  device_keys?: Record<string, Record<string, Json>>;
  master_keys?: Record<string, Json>;
  self_signing_keys?: Record<string, Json>;
  user_signing_keys?: Record<string, Json>;
}

export interface UserTrust {
  crossSigning: UserFacts["crossSigning"];
  verifiedByAuditor: boolean;
}

export interface DeviceKeyTrust {
  keys?: { ed25519?: string; curve25519?: string; algorithms?: string[] };
  trust: DeviceTrust;
  problem?: string;
}

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The single ed25519 public key of a cross-signing key object, when it is well formed
 * for `userId` and `usage` (key id "ed25519:<pub>" naming its own value).
 */
export function crossSigningPublicKey(obj: unknown, userId: string, usage: string): string | { problem: string } {
  if (!isRecord(obj)) return { problem: `${usage} key is not an object` };
  if (obj.user_id !== userId) return { problem: `${usage} key belongs to ${String(obj.user_id)}` };
  if (!Array.isArray(obj.usage) || !obj.usage.includes(usage)) return { problem: `${usage} key lacks usage "${usage}"` };
  const entries = isRecord(obj.keys) ? Object.entries(obj.keys) : [];
  if (entries.length !== 1) return { problem: `${usage} key must carry exactly one key` };
  const [keyId, value] = entries[0] as [string, unknown];
  if (typeof value !== "string" || keyId !== `ed25519:${value}`) return { problem: `${usage} key id does not match its value` };
  return value;
}

/** The auditor's trusted user-signing key: only when it is signed by the auditor's own master key. */
export function auditorKeys(resp: KeysQueryResponse, auditorUserId: string): { masterKey?: string; userSigningKey?: string } {
  const master = crossSigningPublicKey(resp.master_keys?.[auditorUserId], auditorUserId, "master");
  if (typeof master !== "string") return {};
  const uskObj = resp.user_signing_keys?.[auditorUserId];
  const usk = crossSigningPublicKey(uskObj, auditorUserId, "user_signing");
  if (typeof usk !== "string") return { masterKey: master };
  const ok = verifySignedJson(uskObj, auditorUserId, `ed25519:${master}`, master) === "valid";
  return ok ? { masterKey: master, userSigningKey: usk } : { masterKey: master };
}

function signedByMaster(obj: unknown, userId: string, master: string, what: string): string | undefined {
  const status: SignatureStatus = verifySignedJson(obj, userId, `ed25519:${master}`, master);
  if (status === "valid") return undefined;
  return status === "missing" ? `${what} is not signed by the master key` : `${what}'s master-key signature does not verify`;
}

/**
 * Cross-signing state of `userId` and whether the auditor's user-signing key signed its master key.
 * @param auditor the auditor's keys from {@link auditorKeys}; without a trusted user-signing key nobody is verified by the auditor.
 */
export function evaluateUserTrust(
  resp: KeysQueryResponse,
  userId: string,
  auditorUserId: string,
  auditor: { userSigningKey?: string },
): UserTrust {
  const masterObj = resp.master_keys?.[userId];
  if (masterObj === undefined) return { crossSigning: { state: "absent" }, verifiedByAuditor: false };
  const master = crossSigningPublicKey(masterObj, userId, "master");
  if (typeof master !== "string") return { crossSigning: { state: "bad-signature", problem: master.problem }, verifiedByAuditor: false };

  const sskObj = resp.self_signing_keys?.[userId];
  const uskObj = resp.user_signing_keys?.[userId]; // only ever returned for the requester itself
  const ssk = sskObj === undefined ? undefined : crossSigningPublicKey(sskObj, userId, "self_signing");
  const usk = uskObj === undefined ? undefined : crossSigningPublicKey(uskObj, userId, "user_signing");
  const problems: string[] = [];
  if (ssk === undefined) problems.push("no self-signing key published");
  else if (typeof ssk !== "string") problems.push(ssk.problem);
  else {
    const p = signedByMaster(sskObj, userId, master, "self-signing key");
    if (p) problems.push(p);
  }
  if (usk !== undefined && typeof usk !== "string") problems.push(usk.problem);
  else if (usk !== undefined) {
    const p = signedByMaster(uskObj, userId, master, "user-signing key");
    if (p) problems.push(p);
  }

  let verifiedByAuditor = false;
  if (auditor.userSigningKey && userId !== auditorUserId) {
    const s = verifySignedJson(masterObj, auditorUserId, `ed25519:${auditor.userSigningKey}`, auditor.userSigningKey);
    verifiedByAuditor = s === "valid";
    if (s === "invalid") problems.push("the auditor's signature on the master key does not verify");
  }

  const state: CrossSigningState = problems.length === 0 ? "present" : "bad-signature";
  return {
    crossSigning: {
      state,
      masterKey: master,
      ...(typeof ssk === "string" ? { selfSigningKey: ssk } : {}),
      ...(typeof usk === "string" ? { userSigningKey: usk } : {}),
      ...(problems.length ? { problem: problems.join("; ") } : {}),
    },
    verifiedByAuditor,
  };
}

function deviceKeysSummary(obj: Json, deviceId: string): DeviceKeyTrust["keys"] {
  const keys = isRecord(obj.keys) ? obj.keys : {};
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const ed25519 = str(keys[`ed25519:${deviceId}`]);
  const curve25519 = str(keys[`curve25519:${deviceId}`]);
  const algorithms = Array.isArray(obj.algorithms) ? obj.algorithms.filter((a): a is string => typeof a === "string") : undefined;
  return { ...(ed25519 ? { ed25519 } : {}), ...(curve25519 ? { curve25519 } : {}), ...(algorithms ? { algorithms } : {}) };
}

/**
 * Trust of one device: its key must be self-signed, and signed by the owner's self-signing
 * key whose chain to the master key verified (`owner.crossSigning.state === "present"`).
 */
export function evaluateDeviceTrust(resp: KeysQueryResponse, userId: string, deviceId: string, owner: UserTrust): DeviceKeyTrust {
  const obj = resp.device_keys?.[userId]?.[deviceId];
  if (!isRecord(obj)) return { trust: "no-keys", problem: "device has not uploaded E2EE keys" };
  const keys = deviceKeysSummary(obj, deviceId);
  if (obj.user_id !== userId || obj.device_id !== deviceId) {
    return { keys, trust: "bad-signature", problem: "device key names a different user or device" };
  }
  if (!keys?.ed25519) return { keys, trust: "no-keys", problem: "device key has no ed25519 key" };

  const self = verifySignedJson(obj, userId, `ed25519:${deviceId}`, keys.ed25519);
  if (self !== "valid") {
    return {
      keys,
      trust: "bad-signature",
      problem: self === "missing" ? "device key is not self-signed" : "device self-signature does not verify",
    };
  }
  const ssk = owner.crossSigning.selfSigningKey;
  if (!ssk) return { keys, trust: "unsigned", problem: "owner has no self-signing key" };
  const bySsk = verifySignedJson(obj, userId, `ed25519:${ssk}`, ssk);
  if (bySsk === "invalid") return { keys, trust: "bad-signature", problem: "self-signing key's signature on the device does not verify" };
  if (bySsk === "missing") return { keys, trust: "unsigned", problem: "device is not signed by its owner's self-signing key" };
  if (owner.crossSigning.state !== "present") {
    return {
      keys,
      trust: "unsigned",
      problem: `signed by a self-signing key that is not trusted: ${owner.crossSigning.problem ?? owner.crossSigning.state}`,
    };
  }
  return { keys, trust: "verified-by-owner" };
}
