/**
 * Builds real, signed `/keys/query` material for tests: fresh ed25519 keys,
 * canonical JSON signatures — the same bytes a homeserver would relay.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { rawPublicKeyBase64, signJson } from "../../../crypto/ed25519";
import type { KeysQueryResponse } from "../trust";

interface KeyPair {
  priv: KeyObject;
  pub: string;
}
const newKey = (): KeyPair => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { priv: privateKey, pub: rawPublicKeyBase64(publicKey) };
};

export interface FixtureIdentity {
  userId: string;
  master: KeyPair;
  ssk: KeyPair;
  usk: KeyPair;
  devices: Map<string, KeyPair>;
}

export function newIdentity(userId: string): FixtureIdentity {
  return { userId, master: newKey(), ssk: newKey(), usk: newKey(), devices: new Map() };
}

const csKey = (userId: string, usage: string, pub: string) => ({ user_id: userId, usage: [usage], keys: { [`ed25519:${pub}`]: pub } });

/** Master, self-signing and user-signing key objects, with the master's signatures. */
export function crossSigningKeys(id: FixtureIdentity) {
  const mk = `ed25519:${id.master.pub}`;
  return {
    master: csKey(id.userId, "master", id.master.pub) as Record<string, unknown>,
    selfSigning: signJson(csKey(id.userId, "self_signing", id.ssk.pub), id.userId, mk, id.master.priv) as Record<string, unknown>,
    userSigning: signJson(csKey(id.userId, "user_signing", id.usk.pub), id.userId, mk, id.master.priv) as Record<string, unknown>,
  };
}

/** A device key object, self-signed, and signed by the owner's self-signing key when `crossSigned`. */
export function deviceKey(id: FixtureIdentity, deviceId: string, crossSigned: boolean): Record<string, unknown> {
  const k = id.devices.get(deviceId) ?? newKey();
  id.devices.set(deviceId, k);
  let obj: Record<string, unknown> = {
    user_id: id.userId,
    device_id: deviceId,
    algorithms: ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
    keys: { [`curve25519:${deviceId}`]: newKey().pub, [`ed25519:${deviceId}`]: k.pub },
  };
  obj = signJson(obj, id.userId, `ed25519:${deviceId}`, k.priv);
  if (crossSigned) obj = signJson(obj, id.userId, `ed25519:${id.ssk.pub}`, id.ssk.priv);
  return obj;
}

/** Sign `target`'s master key with `signer`'s user-signing key (what "verify this agent" does). */
export function signMasterWithUsk(masterObj: Record<string, unknown>, signer: FixtureIdentity): Record<string, unknown> {
  return signJson(masterObj, signer.userId, `ed25519:${signer.usk.pub}`, signer.usk.priv);
}

/** A copy of `obj` whose signature by `keyId` of `signerUserId` has one bit flipped. */
export function tamperSignature(obj: Record<string, unknown>, signerUserId: string, keyId: string): Record<string, unknown> {
  const sigs = structuredClone(obj.signatures) as Record<string, Record<string, string>>;
  const sig = sigs[signerUserId]?.[keyId];
  if (!sig) throw new Error(`no signature ${signerUserId} ${keyId}`);
  const buf = Buffer.from(sig, "base64");
  buf[5] = (buf[5] ?? 0) ^ 0x80;
  (sigs[signerUserId] as Record<string, string>)[keyId] = buf.toString("base64").replace(/=+$/, "");
  return { ...obj, signatures: sigs };
}

/** Assemble a response the way Synapse shapes it. */
export function keysQueryResponse(parts: {
  devices?: Record<string, unknown>[];
  master?: Record<string, Record<string, unknown>>;
  selfSigning?: Record<string, Record<string, unknown>>;
  userSigning?: Record<string, Record<string, unknown>>;
}): KeysQueryResponse {
  const device_keys: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const d of parts.devices ?? []) {
    const u = String(d.user_id);
    device_keys[u] = { ...(device_keys[u] ?? {}), [String(d.device_id)]: d };
  }
  return {
    device_keys,
    master_keys: parts.master ?? {},
    self_signing_keys: parts.selfSigning ?? {},
    user_signing_keys: parts.userSigning ?? {},
  };
}
