/**
 * Secret-storage keys known to this page, in memory only: the one created at
 * bootstrap (so the new cross-signing and backup secrets can be stored under
 * it) and the one the auditor typed as a recovery key. Never persisted: once
 * the cross-signing and backup keys are cached in the (encrypted) crypto
 * store, the recovery key is not needed again on this device.
 */
import type { CryptoCallbacks } from "matrix-js-sdk/lib/crypto-api/index.js";

export class SecretStorageKeyCache {
  private keys = new Map<string, Uint8Array<ArrayBuffer>>();

  add(keyId: string, key: Uint8Array<ArrayBuffer>): void {
    this.keys.set(keyId, key);
  }

  clear(): void {
    this.keys.clear();
  }

  readonly callbacks: CryptoCallbacks = {
    getSecretStorageKey: async ({ keys }) => {
      for (const keyId of Object.keys(keys)) {
        const key = this.keys.get(keyId);
        if (key) return [keyId, key];
      }
      return null;
    },
    cacheSecretStorageKey: (keyId, _info, key) => this.add(keyId, key),
  };
}
