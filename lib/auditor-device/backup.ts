/**
 * Server-side key backup, seen and driven from the auditor's device: status
 * (version, algorithm, whether its signature is trusted, keys on the server
 * vs waiting here), create/reset, and restore with progress and keys/s.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/CryptoEvent.js";
import { ExternalStore } from "./external-store";
import { canRestoreFast, restoreBackupFast } from "./fast-restore";
import { describeMatrixError } from "./uia";

export interface BackupStatus {
  version: string | null;
  algorithm: string | null;
  /** The backup's auth data is signed by a key this device trusts (our device or master key). */
  trusted: boolean;
  /** This device holds the backup's private key (it can restore). */
  canDecrypt: boolean;
  keysOnServer: number;
  /** Keys this device holds that are not yet uploaded. */
  keysWaiting: number;
}

export interface RestoreProgress {
  running: boolean;
  done: number;
  total: number;
  keysPerSecond: number | null;
  elapsedMs: number | null;
  /** Keys that could not be decrypted or imported (while running, `done` counts them as processed; at the end `done` is the keys imported). */
  failed: number;
  error: string | null;
}

export interface BackupState {
  status: BackupStatus | null;
  restore: RestoreProgress | null;
  error: string | null;
}

const cryptoOf = (client: MatrixClient) => {
  const c = client.getCrypto();
  if (!c) throw new Error("The crypto engine is not running.");
  return c;
};

export class KeyBackup extends ExternalStore<BackupState> {
  private waiting = 0;
  private readonly onRemaining = (n: number) => {
    this.waiting = n;
    const status = this.getSnapshot().status;
    if (status) this.set({ status: { ...status, keysWaiting: n } });
  };

  constructor(private readonly client: MatrixClient) {
    super({ status: null, restore: null, error: null });
    client.on(CryptoEvent.KeyBackupSessionsRemaining, this.onRemaining);
  }

  dispose(): void {
    this.client.off(CryptoEvent.KeyBackupSessionsRemaining, this.onRemaining);
  }

  async refresh(): Promise<BackupStatus> {
    const c = cryptoOf(this.client);
    const info = await c.getKeyBackupInfo();
    const trust = info ? await c.isKeyBackupTrusted(info) : null;
    const status: BackupStatus = {
      version: info?.version ?? null,
      algorithm: info?.algorithm ?? null,
      trusted: trust?.trusted ?? false,
      canDecrypt: trust?.matchesDecryptionKey ?? false,
      keysOnServer: info?.count ?? 0,
      keysWaiting: this.waiting,
    };
    this.set({ status, error: null });
    return status;
  }

  /** A new backup version (the old one, if any, is deleted); its key is stored in secret storage when it is set up. */
  async reset(): Promise<void> {
    await this.guard(async () => {
      await cryptoOf(this.client).resetKeyBackup();
      await this.refresh();
    });
  }

  /**
   * Download and import every key in the backup, reporting progress and throughput.
   * Uses the batched restore (fast-restore.ts) when the crypto backend exposes what it
   * needs, else matrix-js-sdk's own restoreKeyBackup.
   */
  async restore(): Promise<void> {
    const c = cryptoOf(this.client);
    const t0 = performance.now();
    let failed = 0;
    const progress = (done: number, total: number, running: boolean): RestoreProgress => {
      const elapsedMs = performance.now() - t0;
      return {
        running,
        done,
        total,
        failed,
        elapsedMs: Math.round(elapsedMs),
        keysPerSecond: elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : null,
        error: null,
      };
    };
    this.set({ restore: progress(0, 0, true), error: null });
    try {
      if (!(await c.getSessionBackupPrivateKey())) await c.loadSessionBackupPrivateKeyFromSecretStorage();
      const privateKey = await c.getSessionBackupPrivateKey();
      const info = await c.getKeyBackupInfo();
      if (canRestoreFast(c) && privateKey && info?.version) {
        const result = await restoreBackupFast(this.client, c, { ...info, version: info.version }, privateKey, (done, total) =>
          this.set({ restore: progress(done, total, true) }),
        );
        failed = result.failed;
        if (failed > 0) console.warn(`[auditor-device] restore: ${failed} of ${result.total} keys could not be decrypted or imported`);
        if (result.skipped > 0)
          console.warn(`[auditor-device] restore: the store skipped ${result.skipped} of ${result.total} keys it could not parse`);
        console.info(
          "[auditor-device] restore timings",
          JSON.stringify({ ...result.timings, total: result.total, imported: result.imported, failed, skipped: result.skipped }),
        );
        this.set({ restore: progress(result.imported, result.total, false) });
      } else {
        console.warn(
          "[auditor-device] restore: the crypto backend lacks getBackupDecryptor/importBackedUpRoomKeys (or no backup key/version); using matrix-js-sdk's restoreKeyBackup",
        );
        const result = await c.restoreKeyBackup({
          progressCallback: (p) => {
            if (p.stage === "load_keys") this.set({ restore: progress(p.successes + p.failures, p.total, true) });
          },
        });
        failed = result.total - result.imported;
        this.set({ restore: progress(result.imported, result.total, false) });
      }
      await this.refresh();
    } catch (e) {
      this.set({ restore: { ...progress(0, 0, false), error: describeMatrixError(e) } });
    }
  }

  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (e) {
      this.set({ error: describeMatrixError(e) });
    }
  }
}
