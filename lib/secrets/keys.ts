import { dataPath, env } from "../env";
import { readOrCreateKeyFile } from "./key-file";

let secretKey: Buffer | undefined;
let authSecret: string | undefined;

/** The AES-256 key that seals secrets at rest. */
export function getSecretKey(): Buffer {
  if (secretKey) return secretKey;
  const fromEnv = env().VIGIL_SECRET_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("VIGIL_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
    secretKey = key;
  } else {
    secretKey = readOrCreateKeyFile(dataPath("secret.key"));
  }
  return secretKey;
}

/** Signs session tokens; separate from the secret key so rotating one leaves the other. */
export function getAuthSecret(): string {
  authSecret ??= env().NEXTAUTH_SECRET ?? readOrCreateKeyFile(dataPath("auth.key")).toString("base64");
  return authSecret;
}
