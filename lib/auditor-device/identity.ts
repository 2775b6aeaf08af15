/**
 * The auditor's cryptographic identity as seen from this browser, and the
 * three ways to change it: set it up (first time, or reset), or verify this
 * browser with the recovery key.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { CrossSigningKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import { decodeRecoveryKey } from "matrix-js-sdk/lib/crypto-api/recovery-key.js";
import type { SecretStorageKeyCache } from "./secret-storage-key-cache";
import { passwordAuth } from "./uia";

export type IdentityKind =
  /** The account has no cross-signing keys at all. */
  | "none"
  /** Keys exist and secret storage holds them: the recovery key can verify this browser. */
  | "recoverable"
  /** Keys exist but were never put in secret storage: only a reset gives this browser an identity. */
  | "unrecoverable"
  /** This browser holds the private cross-signing keys and is signed by them. */
  | "verified";

export interface IdentityStatus {
  kind: IdentityKind;
  masterKey: string | null;
  userSigningKey: string | null;
  secretStorage: boolean;
}

const crypto = (client: MatrixClient) => {
  const c = client.getCrypto();
  if (!c) throw new Error("The crypto engine is not running.");
  return c;
};

/** Where the identity stands, from the server's keys and this device's store. */
export async function readIdentity(client: MatrixClient): Promise<IdentityStatus> {
  const c = crypto(client);
  const userId = client.getSafeUserId();
  const [hasKeys, status, ssReady] = await Promise.all([
    c.userHasCrossSigningKeys(userId, true),
    c.getCrossSigningStatus(),
    client.secretStorage.getDefaultKeyId().then((id) => id !== null),
  ]);
  const own = await c.getDeviceVerificationStatus(userId, client.getDeviceId() ?? "");
  const cached = status.privateKeysCachedLocally;
  const kind: IdentityKind = !hasKeys
    ? "none"
    : cached.masterKey && cached.selfSigningKey && cached.userSigningKey && own?.crossSigningVerified
      ? "verified"
      : status.privateKeysInSecretStorage
        ? "recoverable"
        : "unrecoverable";
  return {
    kind,
    masterKey: await c.getCrossSigningKeyId(),
    userSigningKey: await c.getCrossSigningKeyId(CrossSigningKey.UserSigning),
    secretStorage: ssReady,
  };
}

/**
 * New cross-signing keys (replacing any), new secret storage protected by a
 * fresh recovery key, and a new key backup whose key goes into that storage.
 * Returns the recovery key, which the page shows once.
 */
export async function setUpIdentity(client: MatrixClient, keys: SecretStorageKeyCache, password: string): Promise<string> {
  const c = crypto(client);
  // Deletes old backups and secret storage, makes new cross-signing keys (signing this
  // device), and a new backup: the same path for a first set-up and a reset.
  await c.resetEncryption(passwordAuth(client.getSafeUserId(), password));
  let encoded: string | undefined;
  await c.bootstrapSecretStorage({
    setupNewSecretStorage: true,
    // Stores the new cross-signing keys and the new backup's key under the new recovery key.
    createSecretStorageKey: async () => {
      const k = await c.createRecoveryKeyFromPassphrase();
      encoded = k.encodedPrivateKey;
      return k;
    },
  });
  if (!encoded) throw new Error("The recovery key was not created.");
  return encoded;
}

/** Thrown before anything is changed when the typed recovery key is not this account's. */
export class WrongRecoveryKeyError extends Error {}

/**
 * Check the recovery key against the secret storage key's MAC first (nothing
 * changes on a wrong key), then pull the cross-signing keys from secret
 * storage, sign this device, and load the backup key.
 */
export async function verifyWithRecoveryKey(client: MatrixClient, keys: SecretStorageKeyCache, recoveryKey: string): Promise<void> {
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = decodeRecoveryKey(recoveryKey.trim());
  } catch {
    throw new WrongRecoveryKeyError("That is not a recovery key: it should be 48 characters in groups of four, starting with E.");
  }
  const found = await client.secretStorage.getKey();
  if (!found) throw new Error("This account has no secret storage: a recovery key cannot help. Reset the identity instead.");
  const [keyId, info] = found;
  if (!(await client.secretStorage.checkKey(key, info))) {
    throw new WrongRecoveryKeyError("That recovery key does not open this account's secret storage. Nothing was changed.");
  }
  keys.add(keyId, key);
  const c = crypto(client);
  await c.bootstrapCrossSigning({}); // reads the private keys from secret storage, signs this device
  await c.loadSessionBackupPrivateKeyFromSecretStorage().catch(() => undefined); // no backup is not an error here
  await c.checkKeyBackupAndEnable();
}
