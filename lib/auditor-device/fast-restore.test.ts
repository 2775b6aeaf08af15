import type { MatrixClient } from "matrix-js-sdk";
import type { BackupDecryptor } from "matrix-js-sdk/lib/common-crypto/CryptoBackend.js";
import type { CryptoApi, ImportRoomKeysOpts, KeyBackupInfo } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { IMegolmSessionData } from "matrix-js-sdk/lib/@types/crypto.js";
import { describe, expect, it } from "vitest";
import { canRestoreFast, MAX_IMPORT, restoreBackupFast } from "./fast-restore";

const INFO = { algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", auth_data: {}, version: "7" } as KeyBackupInfo & { version: string };
const entry = (tag: string) => ({
  first_message_index: 0,
  forwarded_count: 0,
  is_verified: false,
  session_data: { ephemeral: tag, ciphertext: tag, mac: tag },
});
const sessions = (room: string, n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${room}-s${i}`, entry(i % 10 === 9 ? "bad" : "ok")]));

/** A fake crypto backend: entries whose ciphertext is "bad" do not decrypt; importer behaviour is injected. */
function fakes(rooms: Record<string, number>, importer: (keys: IMegolmSessionData[], opts?: ImportRoomKeysOpts) => Promise<void>) {
  const imported: IMegolmSessionData[] = [];
  const decryptor: BackupDecryptor = {
    sourceTrusted: false,
    decryptSessions: async (c) =>
      Object.entries(c).flatMap(([id, s]) =>
        "ciphertext" in s.session_data && s.session_data.ciphertext === "ok" ? [{ session_id: id } as IMegolmSessionData] : [],
      ),
    free: () => undefined,
  };
  const crypto = {
    getBackupDecryptor: async () => decryptor,
    importBackedUpRoomKeys: async (keys: IMegolmSessionData[], _v: string, opts?: ImportRoomKeysOpts) => {
      await importer(keys, opts);
      imported.push(...keys);
    },
  } as unknown as CryptoApi & Parameters<typeof restoreBackupFast>[1];
  const body = { rooms: Object.fromEntries(Object.entries(rooms).map(([r, n]) => [r, { sessions: sessions(r, n) }])) };
  const client = { http: { authedRequest: async () => body } } as unknown as MatrixClient;
  return { crypto, client, imported };
}

describe("restoreBackupFast", () => {
  it("imports every key that decrypts, with its room id, counts the rest as failed, and reports progress up to the total", async () => {
    const { crypto, client, imported } = fakes({ "!a:hs": 7_000, "!b:hs": 3_000 }, async () => undefined);
    const progress: number[] = [];
    const r = await restoreBackupFast(client, crypto, INFO, new Uint8Array(32), (done, total) => {
      expect(total).toBe(10_000);
      progress.push(done);
    });
    expect(r).toMatchObject({ total: 10_000, imported: 9_000, failed: 1_000 });
    expect(imported).toHaveLength(9_000);
    expect(new Set(imported.map((k) => k.room_id))).toEqual(new Set(["!a:hs", "!b:hs"]));
    expect(imported.find((k) => k.session_id === "!b:hs-s0")?.room_id).toBe("!b:hs");
    expect(progress.at(-1)).toBe(10_000);
    expect(progress).toEqual([...progress].sort((x, y) => x - y)); // never goes backwards
  });

  it("counts a chunk whose import throws as failed and goes on; keys the store skipped are reported apart, counted as imported like the SDK does", async () => {
    let call = 0;
    const chunks: number[] = [];
    const { crypto, client } = fakes({ "!a:hs": 12_000 }, async (keys, opts) => {
      call += 1;
      chunks.push(keys.length);
      if (call === 1) throw new Error("store closed");
      opts?.progressCallback?.({ stage: "load_keys" as never, total: keys.length, successes: keys.length - 3, failures: 3 });
    });
    const r = await restoreBackupFast(client, crypto, INFO, new Uint8Array(32), () => undefined);
    expect(chunks.length).toBeGreaterThan(1);
    expect(r.failed).toBe(1_200 + (chunks[0] ?? NaN)); // undecryptable + the chunk that threw
    expect(r.imported).toBe(10_800 - (chunks[0] ?? NaN));
    expect(r.skipped).toBe(3 * (chunks.length - 1));
  });

  it("imports in chunks no bigger than MAX_IMPORT", async () => {
    const sizes: number[] = [];
    const { crypto, client } = fakes({ "!a:hs": 20_000 }, async (keys) => void sizes.push(keys.length));
    await restoreBackupFast(client, crypto, INFO, new Uint8Array(32), () => undefined);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_IMPORT);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(18_000);
  });

  it("throws what getBackupDecryptor throws for a key that does not match the backup", async () => {
    const { crypto, client } = fakes({ "!a:hs": 1 }, async () => undefined);
    const wrong = {
      ...crypto,
      getBackupDecryptor: async () => Promise.reject(new Error("key backup on server does not match the decryption key")),
    };
    await expect(restoreBackupFast(client, wrong, INFO, new Uint8Array(32), () => undefined)).rejects.toThrow(/does not match/);
  });

  it("refuses a server answer that is not a key backup", async () => {
    const { crypto } = fakes({}, async () => undefined);
    const client = {
      http: { authedRequest: async () => ({ rooms: { "!a:hs": { sessions: { s: { session_data: 1 } } } } }) },
    } as unknown as MatrixClient;
    await expect(restoreBackupFast(client, crypto, INFO, new Uint8Array(32), () => undefined)).rejects.toThrow();
  });
});

describe("canRestoreFast", () => {
  it("is false for a crypto API without the backend methods (the restore then falls back to restoreKeyBackup)", () => {
    expect(canRestoreFast({} as CryptoApi)).toBe(false);
    expect(canRestoreFast({ getBackupDecryptor: () => undefined, importBackedUpRoomKeys: () => undefined } as unknown as CryptoApi)).toBe(
      true,
    );
  });
});
