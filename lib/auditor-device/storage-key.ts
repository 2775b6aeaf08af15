import "server-only";
import crypto from "node:crypto";
import { getSecretKey } from "../secrets/keys";

/**
 * The key that protects one browser device's crypto store and sealed session:
 * HMAC-SHA256 under a subkey of Vigil's secret key, over the Vigil user and the
 * Matrix device. Deterministic, so the same signed-in user gets the same key
 * back on every visit; a different Vigil user, or a Vigil without that secret,
 * cannot open the store. Cheap by design: the secret is already high-entropy,
 * so there is nothing for a slow passphrase derivation to stretch.
 */
export function deriveStorageKey(vigilUserId: string, matrixUserId: string, matrixDeviceId: string): Buffer {
  const subkey = crypto.createHmac("sha256", getSecretKey()).update("vigil/auditor-device/storage-key/v1").digest();
  return crypto.createHmac("sha256", subkey).update([vigilUserId, matrixUserId, matrixDeviceId].join("\0")).digest();
}
