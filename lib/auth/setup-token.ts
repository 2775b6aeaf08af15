import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The one-time token that opens /setup. A fresh instance has no user, and
 * whoever reaches it first would become its administrator; the token is
 * printed to the server log at start, so only someone who can read that log
 * (the operator) can finish setup. Kept as a hash, in this process only: a
 * restart prints a new one.
 */
const g = globalThis as typeof globalThis & { __vigilSetupTokenHash?: Buffer };

const digest = (token: string) => createHash("sha256").update(token, "utf8").digest();

export function issueSetupToken(): string {
  const token = randomBytes(18).toString("base64url");
  g.__vigilSetupTokenHash = digest(token);
  return token;
}

/** Constant-time comparison with the token printed at start; false when none was issued. */
export function setupTokenMatches(candidate: unknown): boolean {
  const expected = g.__vigilSetupTokenHash;
  if (!expected || typeof candidate !== "string" || candidate.length > 200) return false;
  return timingSafeEqual(digest(candidate.trim()), expected);
}

export function retireSetupToken(): void {
  g.__vigilSetupTokenHash = undefined;
}
