/**
 * manifest.json: what a bundle holds and where it came from. Ed25519 signs its
 * exact bytes (manifest.sig, raw 64 bytes), so the schema here is what the
 * verifier trusts after the signature checks out.
 */
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";

export const BUNDLE_FORMAT = "vigil-evidence/1";
/** Files outside the manifest's own list: the manifest itself and its signature. */
export const UNLISTED = ["manifest.json", "manifest.sig"] as const;

export const ManifestFile = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});

export const Manifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  vigilVersion: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  scope: z.enum(["snapshot", "period"]),
  period: z.object({ from: z.string(), to: z.string() }),
  frameworks: z.array(z.string()),
  scans: z.array(z.object({ id: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), status: z.string() })),
  inventorySnapshot: z.object({ scanId: z.string(), takenAt: z.string() }),
  policy: z.object({ sha256: z.string(), source: z.string() }),
  homeserver: z.object({ baseUrl: z.string(), serverName: z.string() }).nullable(),
  mesh: z.object({ caFingerprint256: z.string().nullable(), endpoints: z.number() }).nullable(),
  signing: z.object({ algorithm: z.literal("Ed25519"), publicKeyFingerprint: z.string() }),
  notes: z.array(z.string()),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

/** SHA-256 (hex) of the raw 32-byte Ed25519 public key: the fingerprint shown in Vigil and pinned by verifiers. */
export function publicKeyFingerprint(key: KeyObject): string {
  const pub = key.type === "public" ? key : createPublicKey(key);
  const jwk = pub.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new Error("not an Ed25519 key");
  return createHash("sha256").update(Buffer.from(jwk.x, "base64url")).digest("hex");
}

/** "ab12cd…" grouped in fours for reading aloud. */
export const groupFingerprint = (hex: string): string => hex.match(/.{1,4}/g)?.join(" ") ?? hex;
