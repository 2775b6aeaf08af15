/**
 * Secrets at rest: AES-256-GCM with a 96-bit random IV. The secret's name is
 * bound as additional data, so a ciphertext copied onto another row fails to
 * open instead of silently becoming that secret.
 *
 * Format: "v1." + base64(iv ‖ tag ‖ ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export class SecretBoxError extends Error {}

export function seal(key: Buffer, name: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(name, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return "v1." + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64");
}

export function open(key: Buffer, name: string, sealed: string): string {
  if (!sealed.startsWith("v1.")) throw new SecretBoxError(`secret ${name}: unknown format`);
  const raw = Buffer.from(sealed.slice(3), "base64");
  if (raw.length < 28) throw new SecretBoxError(`secret ${name}: truncated`);
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(name, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      `secret ${name} cannot be decrypted: the key (VIGIL_SECRET_KEY or .vigil/secret.key) is not the one it was sealed with`,
    );
  }
}
