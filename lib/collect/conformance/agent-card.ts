/**
 * An A2A agent card, fetched once from /.well-known/agent-card.json (never through a redirect, never past the size
 * cap) and its JWS signatures verified against the keys the registry declares: detached payload, the RFC 8785 form of
 * the card without its `signatures` member (A2A §8.4). Keys named by the card itself (jku, jwk) are never trusted.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { AgentCardProbeDecl } from "../../registry/probes";
import type { CardConformance, CardSignatureFacts } from "../../snapshot/conformance";
import { jcs } from "../../crypto/jcs";
import { errorText } from "../mesh/pem";
import { sendRequest, type SendTarget } from "./send";

export const AGENT_CARD_PATH = "/.well-known/agent-card.json";

const SignatureEntry = z.object({ protected: z.string(), signature: z.string(), header: z.record(z.string(), z.unknown()).optional() });
const ProtectedHeader = z.looseObject({ alg: z.string().optional(), kid: z.string().optional() });
const B64URL = /^[A-Za-z0-9_-]*$/;

function b64url(s: string): Buffer | undefined {
  return B64URL.test(s) ? Buffer.from(s, "base64url") : undefined;
}

function verifyJws(alg: string, key: KeyObject, input: Buffer, signature: Buffer): boolean {
  if (alg === "EdDSA") return verify(null, input, key, signature);
  if (alg === "ES256") return verify("sha256", input, { key, dsaEncoding: "ieee-p1363" }, signature);
  throw new Error(`unsupported alg ${alg} (EdDSA and ES256 are checked)`);
}

/** One signature entry, judged: whose key, and does it verify over this card. */
export function checkSignature(entry: unknown, payload: string, keys: Map<string, KeyObject>): CardSignatureFacts {
  const parsed = SignatureEntry.safeParse(entry);
  if (!parsed.success) return { keyDeclared: false, error: "not a JWS signature object (protected, signature)" };
  const headerBytes = b64url(parsed.data.protected);
  let header: z.infer<typeof ProtectedHeader> = {};
  try {
    header = ProtectedHeader.parse(JSON.parse(headerBytes?.toString("utf8") ?? "null"));
  } catch {
    return { keyDeclared: false, error: "protected header is not base64url JSON" };
  }
  const unprotectedKid = parsed.data.header?.kid;
  const kid = header.kid ?? (typeof unprotectedKid === "string" ? unprotectedKid : undefined);
  const facts: CardSignatureFacts = {
    keyDeclared: kid !== undefined && keys.has(kid),
    ...(kid ? { kid } : {}),
    ...(header.alg ? { alg: header.alg } : {}),
  };
  const key = kid === undefined ? undefined : keys.get(kid);
  if (!key) return facts; // an undeclared key: nothing Vigil trusts to check it with
  const signature = b64url(parsed.data.signature);
  if (!header.alg || !signature) return { ...facts, valid: false, error: "no alg, or the signature is not base64url" };
  try {
    const input = Buffer.from(`${parsed.data.protected}.${Buffer.from(payload, "utf8").toString("base64url")}`);
    return { ...facts, valid: verifyJws(header.alg, key, input, signature) };
  } catch (e) {
    return { ...facts, valid: false, error: errorText(e) };
  }
}

/** The declared keys by kid; a key that does not parse is reported and left out (it can verify nothing). */
export function declaredKeys(decl: AgentCardProbeDecl): { keys: Map<string, KeyObject>; errors: string[] } {
  const keys = new Map<string, KeyObject>();
  const errors: string[] = [];
  for (const k of decl.keys) {
    try {
      keys.set(k.kid, createPublicKey(k.publicKeyPem));
    } catch (e) {
      errors.push(`declared key ${k.kid} is unusable: ${errorText(e)}`);
    }
  }
  return { keys, errors };
}

/** The card's signatures judged from its bytes: parse error, or one fact per signature (empty: unsigned). */
export function judgeCardBody(body: Buffer, keys: Map<string, KeyObject>): Pick<CardConformance, "parseError" | "signatures"> {
  let card: unknown;
  try {
    card = JSON.parse(body.toString("utf8"));
  } catch {
    return { parseError: "the body is not JSON" };
  }
  if (typeof card !== "object" || card === null || Array.isArray(card)) return { parseError: "the body is not a JSON object" };
  const { signatures, ...unsigned } = card as Record<string, unknown>;
  if (signatures === undefined) return { signatures: [] };
  if (!Array.isArray(signatures)) return { parseError: "`signatures` is not an array" };
  let payload: string;
  try {
    payload = jcs(unsigned);
  } catch (e) {
    return { parseError: `the card has no RFC 8785 form: ${errorText(e)}` };
  }
  return { signatures: signatures.slice(0, 16).map((s) => checkSignature(s, payload, keys)) };
}

export async function probeAgentCard(target: SendTarget, decl: AgentCardProbeDecl): Promise<CardConformance> {
  const r = await sendRequest(target, { method: "GET", path: AGENT_CARD_PATH, headers: { accept: "application/json" } }, decl.maxBytes);
  const facts: CardConformance = {
    path: AGENT_CARD_PATH,
    maxBytes: decl.maxBytes,
    outcome: r.outcome,
    ms: r.ms,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.location ? { location: r.location } : {}),
    ...(r.bytes !== undefined ? { bytes: r.bytes } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
  if (r.outcome !== "answered") return facts;
  facts.overCap = (r.bytes ?? 0) > decl.maxBytes || (r.contentLength ?? 0) > decl.maxBytes;
  if (facts.overCap || r.status !== 200 || !r.body) return facts;
  const { keys, errors } = declaredKeys(decl);
  if (errors.length) facts.error = errors.join("; ");
  return { ...facts, ...judgeCardBody(r.body, keys) };
}
