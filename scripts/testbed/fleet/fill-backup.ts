/**
 * Fill the auditor's current key backup with N Megolm sessions without any
 * client having to create them: each entry is a valid exported session key
 * (vodozemac's export format: 0x01 | index u32 | 128-byte ratchet | ed25519
 * public key), encrypted to the backup's curve25519 public key exactly as a
 * client would (m.megolm_backup.v1.curve25519-aes-sha2, via the Rust crypto's
 * PkEncryption), and uploaded in batches. Random ratchets are fine: restore
 * imports keys, it does not need to decrypt any message with them.
 */
import crypto from "node:crypto";
import { Curve25519PublicKey, initAsync, PkEncryption } from "@matrix-org/matrix-sdk-crypto-wasm";

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64").replace(/=+$/, "");

async function api<T>(baseUrl: string, token: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(baseUrl + p, {
    method,
    headers: { "Authorization": `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One random, well-formed exported Megolm session; its id is its signing key. */
function exportedSession(senderKey: string, senderEd: string) {
  const { publicKey } = crypto.generateKeyPairSync("ed25519");
  const ed = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const index = Buffer.alloc(4); // first_message_index 0
  const key = Buffer.concat([Buffer.from([1]), index, crypto.randomBytes(128), ed]);
  return {
    sessionId: b64(ed),
    data: {
      algorithm: "m.megolm.v1.aes-sha2",
      sender_key: senderKey,
      session_key: b64(key),
      sender_claimed_keys: { ed25519: senderEd },
      forwarding_curve25519_key_chain: [],
    },
  };
}

/** Upload `count` sessions into the current backup version; returns the version and the server's count after. */
export async function fillBackup(
  baseUrl: string,
  token: string,
  count: number,
  roomId = "!bench:vigil.test",
): Promise<{ version: string; count: number; ms: number }> {
  await initAsync();
  const t0 = Date.now();
  const info = await api<{ version: string; algorithm: string; auth_data: { public_key: string } }>(
    baseUrl,
    token,
    "GET",
    "/_matrix/client/v3/room_keys/version",
  );
  if (info.algorithm !== "m.megolm_backup.v1.curve25519-aes-sha2") throw new Error(`unsupported backup algorithm ${info.algorithm}`);
  const pk = PkEncryption.fromKey(new Curve25519PublicKey(info.auth_data.public_key));
  const senderKey = b64(crypto.randomBytes(32));
  // A real ed25519 public key: random bytes are often not a curve point, and the Rust
  // store then skips the key on import (while the SDK still counts it as imported).
  const senderEd = b64(crypto.generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).subarray(-32));
  for (let done = 0; done < count;) {
    const n = Math.min(1000, count - done);
    const sessions: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const s = exportedSession(senderKey, senderEd);
      const m = pk.encryptString(JSON.stringify(s.data)).toBase64();
      sessions[s.sessionId] = {
        first_message_index: 0,
        forwarded_count: 0,
        is_verified: false,
        session_data: { ephemeral: m.ephemeralKey, ciphertext: m.ciphertext, mac: m.mac },
      };
    }
    await api(baseUrl, token, "PUT", `/_matrix/client/v3/room_keys/keys?version=${encodeURIComponent(info.version)}`, {
      rooms: { [roomId]: { sessions } },
    });
    done += n;
  }
  const after = await api<{ count: number }>(
    baseUrl,
    token,
    "GET",
    `/_matrix/client/v3/room_keys/version/${encodeURIComponent(info.version)}`,
  );
  return { version: info.version, count: after.count, ms: Date.now() - t0 };
}
