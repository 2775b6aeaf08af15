/**
 * The signed requests each message probe sends, built exactly as the reference documents sign them:
 *  - hmac-headers (reference 004's ZeroTrustMiddleware): X-Agent-ID, X-Timestamp (whole seconds) and X-Signature,
 *    hex HMAC-SHA256 over `"{agent}:{ts}:" + body`;
 *  - signed-envelope (reference 002, with the nonce its checklist asks for): `{ payload, signature, publicKey }`, the
 *    signature Ed25519 over JSON.stringify(payload), payload carrying agentId, ts (ms), nonce.
 * Every body carries a fresh nonce, so two legitimate probes never look like a replay to an agent that keeps a cache.
 */
import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { MessageProbeKind } from "../../snapshot/conformance";
import type { MessageProbeDecl } from "../../registry/probes";
import type { ConformanceRequest } from "./send";

/** Seconds beyond the claimed window: enough for clock rounding between two hosts, small enough to be "just" outside. */
export const WINDOW_MARGIN_SECONDS = 5;

export type ProberKey = { kind: "hmac"; secret: string } | { kind: "ed25519"; key: KeyObject };

export interface BuiltRequest {
  request: ConformanceRequest;
  /** What was sent, in words, for the endpoint page and evidence (no secret in it). */
  sent: string;
}

interface Variant {
  senderId: string;
  /** Seconds from now (negative: the past). */
  offsetSeconds: number;
  signature: "valid" | "wrong" | "none";
  tamper: boolean;
  target: { method: string; path: string };
}

const nonce = () => randomBytes(12).toString("hex");

function variantOf(kind: Exclude<MessageProbeKind, "replay">, decl: MessageProbeDecl): Variant {
  const base: Variant = { senderId: decl.senderId, offsetSeconds: 0, signature: "valid", tamper: false, target: decl.canary };
  switch (kind) {
    case "canary":
      return base;
    case "stale":
      return { ...base, offsetSeconds: -(decl.freshnessSeconds + WINDOW_MARGIN_SECONDS) };
    case "future":
      return { ...base, offsetSeconds: decl.futureSkewSeconds + WINDOW_MARGIN_SECONDS };
    case "tampered-body":
      return { ...base, tamper: true };
    case "wrong-signature":
      return { ...base, signature: "wrong" };
    case "unknown-sender":
      return { ...base, senderId: `vigil-unknown-${randomBytes(4).toString("hex")}` };
    case "unsigned":
      return { ...base, signature: "none" };
    case "capability-out-of-scope": {
      const o = decl.capability?.outOfScope;
      return { ...base, target: o ? { method: o.method, path: o.path } : decl.canary };
    }
  }
}

function describe(kind: MessageProbeKind, v: Variant): string {
  const when = v.offsetSeconds === 0 ? "timestamp now" : `timestamp now${v.offsetSeconds > 0 ? "+" : "−"}${Math.abs(v.offsetSeconds)} s`;
  const sig =
    v.signature === "valid"
      ? `signed as ${v.senderId}`
      : v.signature === "wrong"
        ? `as ${v.senderId}, wrong signature`
        : `as ${v.senderId}, no signature`;
  const extra = kind === "tampered-body" ? ", body changed after signing" : "";
  return `${v.target.method} ${v.target.path}, ${when}, ${sig}${extra}`;
}

function hmacHex(secret: string, message: Buffer): string {
  return createHmac("sha256", secret).update(message).digest("hex");
}

function hmacRequest(v: Variant, key: string, now: number): ConformanceRequest {
  const body = JSON.stringify({ probe: "vigil-conformance", nonce: nonce() });
  const ts = String(Math.floor(now / 1000) + v.offsetSeconds);
  const signedBody = v.tamper ? JSON.stringify({ probe: "vigil-conformance", nonce: nonce() }) : body;
  const signature =
    v.signature === "wrong"
      ? hmacHex(randomBytes(32).toString("hex"), Buffer.from(`${v.senderId}:${ts}:${body}`))
      : hmacHex(key, Buffer.from(`${v.senderId}:${ts}:${signedBody}`));
  const headers: Record<string, string> = { "content-type": "application/json", "x-agent-id": v.senderId, "x-timestamp": ts };
  if (v.signature !== "none") headers["x-signature"] = signature;
  return { method: v.target.method, path: v.target.path, headers, body };
}

function envelopeRequest(v: Variant, key: KeyObject, keyId: string, now: number): ConformanceRequest {
  const payload = { action: "vigil-conformance-canary", agentId: v.senderId, ts: now + v.offsetSeconds * 1000, nonce: nonce() };
  const signer = v.signature === "wrong" ? generateKeyPairSync("ed25519").privateKey : key;
  const signature = sign(null, Buffer.from(JSON.stringify(payload)), signer).toString("base64");
  const sent = v.tamper ? { ...payload, action: "vigil-conformance-tampered" } : payload;
  const envelope = v.signature === "none" ? { payload: sent, publicKey: keyId } : { payload: sent, signature, publicKey: keyId };
  return { method: v.target.method, path: v.target.path, headers: { "content-type": "application/json" }, body: JSON.stringify(envelope) };
}

/** The request of one probe kind, fresh (the replay is the canary's request itself, sent again by the caller). */
export function buildRequest(
  kind: Exclude<MessageProbeKind, "replay">,
  decl: MessageProbeDecl,
  key: ProberKey,
  token?: string,
  now = Date.now(),
): BuiltRequest {
  const v = variantOf(kind, decl);
  const request = key.kind === "hmac" ? hmacRequest(v, key.secret, now) : envelopeRequest(v, key.key, decl.keyId ?? decl.senderId, now);
  if (decl.capability && token !== undefined) request.headers[decl.capability.header.toLowerCase()] = token;
  const scope = kind === "capability-out-of-scope" && decl.capability ? `, token without ${decl.capability.outOfScope.scope}` : "";
  return { request, sent: `${describe(kind, v)}${scope}` };
}
