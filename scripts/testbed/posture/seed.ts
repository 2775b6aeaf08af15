/**
 * What each posture homeserver holds: an admin auditor, one agent bot, and one room the bot made. The bot is a raw
 * Client-Server API caller, like a bot installed without mautrix[encryption]: on the weak server it writes a message
 * before encryption is on (fine), turns encryption on, sends one (fake) encrypted event, and then one m.room.message
 * in plaintext, which Synapse accepts. On the hardened server every room is encrypted from creation and the bot
 * sends only m.room.encrypted, plus a redaction (unencrypted by design).
 */
import crypto from "node:crypto";
import { passwordLogin, registerUser, newPassword, type Session } from "../fleet/accounts";
import { api } from "../fleet/http";

export interface SeededServer {
  auditor: Session;
  bot: Session;
  roomId: string;
  /** Text of the plaintext messages: must never appear in anything Vigil keeps. */
  markers: string[];
}

const MEGOLM = "m.megolm.v1.aes-sha2";
const txn = () => crypto.randomBytes(8).toString("hex");

async function account(baseUrl: string, secret: string, localpart: string, admin: boolean): Promise<Session> {
  const password = newPassword();
  const userId = await registerUser(baseUrl, secret, { localpart, password, admin });
  return passwordLogin(baseUrl, userId, password, `${localpart.toUpperCase()}DEV`, localpart);
}

/** A well-formed m.room.encrypted event; nobody can decrypt it, and nobody needs to: only its type is judged. */
function fakeCiphertext(bot: Session): Record<string, unknown> {
  return {
    algorithm: MEGOLM,
    ciphertext: crypto.randomBytes(48).toString("base64"),
    sender_key: crypto.randomBytes(32).toString("base64"),
    session_id: crypto.randomBytes(32).toString("base64"),
    device_id: bot.deviceId,
  };
}

export async function seedPostureServer(baseUrl: string, secret: string, weak: boolean): Promise<SeededServer> {
  const auditor = await account(baseUrl, secret, "vigil-auditor", true);
  const bot = await account(baseUrl, secret, "bot-plain", false);
  const send = async (roomId: string, type: string, content: Record<string, unknown>) =>
    (
      await api<{ event_id: string }>(baseUrl, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/${txn()}`, {
        token: bot.accessToken,
        body: content,
      })
    ).event_id;
  const { room_id: roomId } = await api<{ room_id: string }>(baseUrl, "POST", "/_matrix/client/v3/createRoom", {
    token: bot.accessToken,
    body: { preset: "private_chat", name: weak ? "Bot handoff (weak)" : "Bot handoff" },
  });
  const markers: string[] = [];
  if (weak) {
    markers.push(`posture-marker-before-${txn()}`, `posture-marker-after-${txn()}`);
    await send(roomId, "m.room.message", { msgtype: "m.text", body: markers[0] });
    await api(baseUrl, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.encryption/`, {
      token: bot.accessToken,
      body: { algorithm: MEGOLM },
    });
    await send(roomId, "m.room.encrypted", fakeCiphertext(bot));
    await send(roomId, "m.room.message", { msgtype: "m.text", body: markers[1] });
  } else {
    await send(roomId, "m.room.encrypted", fakeCiphertext(bot));
    const second = await send(roomId, "m.room.encrypted", fakeCiphertext(bot));
    await api(baseUrl, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/redact/${encodeURIComponent(second)}/${txn()}`, {
      token: bot.accessToken,
      body: { reason: "rotated" },
    });
  }
  return { auditor, bot, roomId, markers };
}
