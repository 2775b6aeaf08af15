/**
 * Webhook signatures, both halves. Vigil signs every delivery:
 *
 *   Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *   Vigil-Delivery:  <delivery id>
 *
 * What a receiver must check, in order (verifyWebhookSignature does 1–3):
 *   1. Recompute the HMAC over the *raw* request bytes — not re-serialised
 *      JSON, whose spacing or key order may differ — and compare it in
 *      constant time with v1 (any of several v1 values, to allow rotation).
 *   2. Reject a timestamp further than the tolerance (default 5 min) from its
 *      own clock: a captured request cannot be replayed later.
 *   3. Only then parse the JSON.
 *   4. Remember delivery ids for at least the tolerance window and drop one
 *      already seen: a replay inside the window, or Vigil's own retry of a
 *      delivery that did arrive but whose answer got lost.
 *
 * Pure: no I/O, so the receiver's side can be copied as is.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Vigil-Signature";
export const DELIVERY_HEADER = "Vigil-Delivery";

const hmac = (secret: string, t: number, rawBody: string | Uint8Array) =>
  createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest("hex");

/** The Vigil-Signature header value for `rawBody` sent at `now`. */
export function signWebhook(secret: string, rawBody: string | Uint8Array, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, rawBody)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a Vigil-Signature header against the raw body. Says why it refuses:
 * a missing or malformed header, a stale or future timestamp, or a signature
 * that does not match (wrong secret or altered body).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  now: Date = new Date(),
  toleranceSeconds = 300,
): VerifyResult {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  let t: number | undefined;
  const sigs: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === "t" && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/.test(v)) sigs.push(v);
  }
  if (t === undefined || sigs.length === 0) return { ok: false, reason: "malformed signature header: expected t=<seconds>,v1=<64 hex>" };
  const age = Math.floor(now.getTime() / 1000) - t;
  if (Math.abs(age) > toleranceSeconds) {
    return { ok: false, reason: `timestamp is ${age} s from now, outside the ${toleranceSeconds} s tolerance (replayed or clock skew)` };
  }
  const expected = Buffer.from(hmac(secret, t, rawBody), "hex");
  const match = sigs.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
  return match ? { ok: true, timestamp: t } : { ok: false, reason: "signature does not match (wrong secret or altered body)" };
}
