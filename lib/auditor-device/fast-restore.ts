/**
 * Key-backup restore, faster than matrix-js-sdk's own `restoreKeyBackup` (which decrypts and
 * imports 200 keys at a time, one after the other): one download of /room_keys/keys, decryption
 * in small batches that yield to the event loop so the store's IndexedDB work runs in between,
 * imports through the CryptoBackend's `importBackedUpRoomKeys` (which marks the keys as backed
 * up, as the SDK does) in chunks of whatever was decrypted meanwhile, and the SDK's per-key
 * debug/info log lines muted for the duration. Where the time goes: bench/auditor-device/README.md.
 */
import type { MatrixClient } from "matrix-js-sdk";
import type { BackupDecryptor, CryptoBackend } from "matrix-js-sdk/lib/common-crypto/CryptoBackend.js";
import type { CryptoApi, KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { KeyBackupSession } from "matrix-js-sdk/lib/crypto-api/keybackup.js";
import { ClientPrefix, Method } from "matrix-js-sdk/lib/http-api/index.js";
import { logger as sdkLogger } from "matrix-js-sdk/lib/logger.js";
import type { IMegolmSessionData } from "matrix-js-sdk/lib/@types/crypto.js";
import { z } from "zod";

/**
 * Keys decrypted per call to the decryptor: synchronous wasm work (~0.2 ms a key), after which
 * the loop yields a task so the import's IndexedDB callbacks run in between (the writes overlap
 * the decryption instead of waiting for it) and the page stays responsive.
 */
export const DECRYPT_BATCH = 100;
/** Keys per `importBackedUpRoomKeys` call: the first starts once MIN_IMPORT are decrypted, later ones take all decrypted meanwhile, up to MAX_IMPORT. */
export const MIN_IMPORT = 500;
export const MAX_IMPORT = 5_000;
/** Concurrent `importBackedUpRoomKeys` calls: 2 measured no faster than 1 (the store serialises them), see bench/auditor-device/README.md. */
export const IMPORTS_IN_FLIGHT = 1;

const sessionSchema = z.object({
  first_message_index: z.number(),
  forwarded_count: z.number(),
  is_verified: z.boolean(),
  session_data: z.object({ ephemeral: z.string(), ciphertext: z.string(), mac: z.string() }),
});
const keysResponseSchema = z.object({
  rooms: z.record(z.string(), z.object({ sessions: z.record(z.string(), sessionSchema).optional() })),
});

/** The parts of the crypto backend this restore needs; present on the Rust crypto, not on the public CryptoApi type. */
type BackupImporter = Pick<CryptoBackend, "getBackupDecryptor" | "importBackedUpRoomKeys">;

/** Whether the running crypto exposes the CryptoBackend methods the fast path uses. */
export function canRestoreFast(crypto: CryptoApi): crypto is CryptoApi & BackupImporter {
  return (
    "getBackupDecryptor" in crypto &&
    typeof crypto.getBackupDecryptor === "function" &&
    "importBackedUpRoomKeys" in crypto &&
    typeof crypto.importBackedUpRoomKeys === "function"
  );
}

export interface FastRestoreResult {
  total: number;
  imported: number;
  /** Keys that did not decrypt (wrong key, damaged entry) or whose import call failed. */
  failed: number;
  /** Keys the store could not parse and skipped; counted in `imported`, as matrix-js-sdk's restore counts them. */
  skipped: number;
  /** Where the time went, for the benchmark's profile. */
  timings: { fetchMs: number; decryptMs: number; importMs: number; importWaitMs: number };
}

/**
 * Download every key of `info.version`, decrypt it with `privateKey` and import it,
 * calling `onProgress(done, total)` as keys are imported or fail. Throws when the
 * key does not match the backup (from getBackupDecryptor) or the download fails.
 */
export async function restoreBackupFast(
  client: MatrixClient,
  crypto: CryptoApi & BackupImporter,
  info: KeyBackupInfo & { version: string },
  privateKey: Uint8Array,
  onProgress: (done: number, total: number) => void,
): Promise<FastRestoreResult> {
  const decryptor = await crypto.getBackupDecryptor(info, privateKey);
  const unmute = muteSdkChatter();
  try {
    const t0 = performance.now();
    const raw = await client.http.authedRequest(Method.Get, "/room_keys/keys", { version: info.version }, undefined, {
      prefix: ClientPrefix.V3,
    });
    const backup = keysResponseSchema.parse(raw);
    const fetchMs = performance.now() - t0;
    const total = Object.values(backup.rooms).reduce((n, r) => n + Object.keys(r.sessions ?? {}).length, 0);
    onProgress(0, total);
    const result = await decryptAndImport(crypto, decryptor, info.version, backup.rooms, total, onProgress);
    return { ...result, timings: { ...result.timings, fetchMs } };
  } finally {
    unmute();
    decryptor.free(); // do not keep the backup key in wasm memory longer than the restore
  }
}

/** The SDK's root logger is a loglevel logger at runtime; its public type does not say so. */
interface LevelledLogger {
  getLevel(): number;
  setLevel(level: number, persist?: boolean): void;
}
const hasLevels = (l: object): l is LevelledLogger =>
  "getLevel" in l && typeof l.getLevel === "function" && "setLevel" in l && typeof l.setLevel === "function";
const LOGLEVEL_WARN = 3; // loglevel: TRACE 0, DEBUG 1, INFO 2, WARN 3

/**
 * Mute the SDK's debug and info lines for the restore, returning the undo. The root logger is the
 * one the Rust crypto and RustCrypto log through, and each writes a line per imported key (the
 * store's import at info, "Got update for session …" at debug): 20,000 console lines for 10,000
 * keys, a third of the restore's CPU in the profile. Warnings and errors still go out.
 */
function muteSdkChatter(): () => void {
  if (!hasLevels(sdkLogger)) return () => undefined;
  const root: LevelledLogger = sdkLogger;
  const before = root.getLevel();
  if (before >= LOGLEVEL_WARN) return () => undefined;
  root.setLevel(LOGLEVEL_WARN, false);
  return () => root.setLevel(before, false);
}

/** Yield to the event loop (a task, not a microtask, so IndexedDB events are delivered); no 4 ms timer clamp. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function decryptAndImport(
  crypto: BackupImporter,
  decryptor: BackupDecryptor,
  version: string,
  rooms: Record<string, { sessions?: Record<string, KeyBackupSession> }>,
  total: number,
  onProgress: (done: number, total: number) => void,
): Promise<Omit<FastRestoreResult, "timings"> & { timings: FastRestoreResult["timings"] }> {
  let imported = 0;
  let failed = 0;
  let skipped = 0;
  let decryptMs = 0;
  let importMs = 0;
  let importWaitMs = 0;
  const pending: IMegolmSessionData[] = [];

  const importChunk = async (chunk: IMegolmSessionData[]) => {
    const i0 = performance.now();
    // The store skips keys it cannot parse (bad signature, damaged key) without throwing; the last
    // progress report of the chunk says how many. matrix-js-sdk's restore counts them as imported
    // and so does this one (the page's numbers mean the same on both paths), but says how many.
    let chunkSkipped = 0;
    try {
      await crypto.importBackedUpRoomKeys(chunk, version, {
        progressCallback: (p) => {
          if (p.stage === "load_keys") chunkSkipped = p.failures;
        },
      });
      imported += chunk.length;
      skipped += chunkSkipped;
    } catch (e) {
      failed += chunk.length;
      console.error("[auditor-device] importing restored keys failed", e);
    }
    importMs += performance.now() - i0;
    onProgress(imported + failed, total);
  };
  // Up to IMPORTS_IN_FLIGHT imports at once, each taking whatever was decrypted since the last
  // started (at least MIN_IMPORT while decryption goes on): decryption never waits for the store.
  const running = new Set<Promise<void>>();
  const startImports = (force: boolean) => {
    while (running.size < IMPORTS_IN_FLIGHT && pending.length > 0 && (force || pending.length >= MIN_IMPORT)) {
      const task: Promise<void> = importChunk(pending.splice(0, MAX_IMPORT)).finally(() => running.delete(task));
      running.add(task);
    }
  };

  for (const [roomId, room] of Object.entries(rooms)) {
    const entries = Object.entries(room.sessions ?? {});
    for (let i = 0; i < entries.length; i += DECRYPT_BATCH) {
      const batch = Object.fromEntries(entries.slice(i, i + DECRYPT_BATCH));
      const d0 = performance.now();
      const keys = await decryptor.decryptSessions(batch);
      decryptMs += performance.now() - d0;
      const undecryptable = Object.keys(batch).length - keys.length;
      if (undecryptable > 0) {
        failed += undecryptable;
        onProgress(imported + failed, total);
      }
      for (const k of keys) {
        k.room_id = roomId;
        pending.push(k);
      }
      startImports(false);
      await nextTask();
    }
  }
  const w0 = performance.now();
  for (startImports(true); running.size > 0; startImports(true)) await Promise.race(running);
  importWaitMs += performance.now() - w0;
  return { total, imported, failed, skipped, timings: { fetchMs: 0, decryptMs, importMs, importWaitMs } };
}
