/**
 * Ed25519 signatures over Matrix canonical JSON, checked with Node's built-in
 * crypto: Vigil decides trust from the signatures themselves, never from the
 * homeserver's word, and needs no crypto store to do it.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJsonBytes, CanonicalJsonError } from "./canonical-json";

/** DER prefixes that wrap a raw 32-byte ed25519 key as SPKI (public) or PKCS#8 (private seed). */
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** "valid": signature present and verifies; "missing": no signature by that key; "invalid": present but does not verify (or unusable key/value). */
export type SignatureStatus = "valid" | "missing" | "invalid";

const B64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode (unpadded or padded) standard base64 strictly; null when it is not base64. */
export function decodeBase64(s: string): Buffer | null {
  if (!B64_CHARS.test(s) || s.replace(/=+$/, "").length % 4 === 1) return null;
  return Buffer.from(s, "base64");
}

/** Encode as unpadded standard base64, the form Matrix uses for keys and signatures. */
export function encodeUnpaddedBase64(buf: Uint8Array): string {
  return Buffer.from(buf).toString("base64").replace(/=+$/, "");
}

/** Wrap a raw 32-byte ed25519 public key (unpadded base64) as a KeyObject; null when malformed. */
export function publicKeyFromBase64(publicKeyB64: string): KeyObject | null {
  const raw = decodeBase64(publicKeyB64);
  if (!raw || raw.length !== 32) return null;
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
  } catch {
    return null;
  }
}

/** Build a private key from a raw 32-byte seed (unpadded base64), as the Matrix spec's examples give them. */
export function privateKeyFromSeed(seedB64: string): KeyObject {
  const raw = decodeBase64(seedB64);
  if (!raw || raw.length !== 32) throw new Error("ed25519 seed must be 32 bytes of base64");
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: "der", type: "pkcs8" });
}

/** The raw 32-byte public key of a KeyObject, as unpadded base64. */
export function rawPublicKeyBase64(key: KeyObject): string {
  const pub = key.type === "public" ? key : createPublicKey(key);
  const der = pub.export({ format: "der", type: "spki" });
  return encodeUnpaddedBase64(der.subarray(SPKI_PREFIX.length));
}

/** The bytes a Matrix signature covers: the object without `signatures` and `unsigned`, canonicalised. */
export function signedBytes(obj: Record<string, unknown>): Buffer {
  const { signatures: _s, unsigned: _u, ...rest } = obj;
  return canonicalJsonBytes(rest);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Verify the signature `obj.signatures[signerUserId][keyId]` against `publicKeyB64`.
 * Never throws: hostile or malformed input yields "invalid" (or "missing" when no signature by that key exists).
 * @param keyId full key id, e.g. "ed25519:DEVICEID" or "ed25519:<master key>"
 */
export function verifySignedJson(obj: unknown, signerUserId: string, keyId: string, publicKeyB64: string): SignatureStatus {
  if (!isRecord(obj)) return "invalid";
  const byUser = isRecord(obj.signatures) ? obj.signatures[signerUserId] : undefined;
  const sig = isRecord(byUser) ? byUser[keyId] : undefined;
  if (sig === undefined) return "missing";
  if (typeof sig !== "string") return "invalid";
  const sigBytes = decodeBase64(sig);
  const key = publicKeyFromBase64(publicKeyB64);
  if (!sigBytes || sigBytes.length !== 64 || !key) return "invalid";
  let data: Buffer;
  try {
    data = signedBytes(obj);
  } catch (e) {
    // A float or similar: the object cannot have been signed canonically.
    if (e instanceof CanonicalJsonError) return "invalid";
    throw e;
  }
  return verify(null, data, key, sigBytes) ? "valid" : "invalid";
}

/**
 * Return a copy of `obj` with a signature by `keyId` of `signerUserId` added (existing signatures kept).
 * Used to build fixtures and by tooling; Vigil itself never signs on an agent's behalf.
 */
export function signJson<T extends Record<string, unknown>>(obj: T, signerUserId: string, keyId: string, privateKey: KeyObject): T {
  const sig = encodeUnpaddedBase64(sign(null, signedBytes(obj), privateKey));
  const existing = isRecord(obj.signatures) ? (obj.signatures as Record<string, Record<string, string>>) : {};
  return {
    ...obj,
    signatures: { ...existing, [signerUserId]: { ...(existing[signerUserId] ?? {}), [keyId]: sig } },
  };
}
