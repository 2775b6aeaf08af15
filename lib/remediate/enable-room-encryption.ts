import "server-only";
import { MatrixApiError, seg } from "../homeserver/client";
import { openHomeserver, type Homeserver } from "./homeserver";
import { AdminRoomDetailsSchema, EmptyAnswerSchema, EventIdSchema, JoinedSchema, PowerLevelsSchema } from "./schemas";

export const MEGOLM = "m.megolm.v1.aes-sha2";

export type EnableEncryptionFailure =
  | "already-encrypted" // nothing to do; reported so the UI can say so
  | "no-local-members" // no local user can grant the auditor power
  | "no-power" // not a server admin, and the auditor cannot send m.room.encryption
  | "homeserver"; // the homeserver refused or failed; message says how

export class EnableEncryptionError extends Error {
  constructor(
    readonly reason: EnableEncryptionFailure,
    message: string,
  ) {
    super(message);
    this.name = "EnableEncryptionError";
  }
}

export interface EnableRoomEncryptionOptions {
  roomId: string;
  /** For tests: a homeserver other than the configured one. */
  homeserver?: Homeserver;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Can the auditor send m.room.encryption today? null when it cannot read the power levels (not joined). */
async function auditorMayEncrypt(hs: Homeserver, roomId: string): Promise<boolean | null> {
  try {
    const pl = await hs.client.get(
      "cs.room.power_levels",
      `/_matrix/client/v3/rooms/${seg(roomId)}/state/m.room.power_levels/`,
      PowerLevelsSchema,
    );
    const mine = pl.users?.[hs.auditorUserId] ?? pl.users_default ?? 0;
    const needed = pl.events?.["m.room.encryption"] ?? pl.state_default ?? 50;
    return mine >= needed;
  } catch (e) {
    if (e instanceof MatrixApiError && (e.kind === "forbidden" || e.kind === "not-found")) return null;
    throw e;
  }
}

/**
 * Turns on Megolm encryption in a plaintext room. Irreversible by protocol
 * design: a room's m.room.encryption cannot be removed. With a server-admin
 * token and no power in the room, the auditor is first made room admin via
 * Synapse's make_room_admin (grants the top power level; invites the auditor
 * when it is not in the room, so it then joins);
 * otherwise the auditor must already hold the power. Never creates a room.
 */
export async function enableRoomEncryption(opts: EnableRoomEncryptionOptions): Promise<{ eventId: string; madeAuditorAdmin: boolean }> {
  const hs = opts.homeserver ?? (await openHomeserver());
  const room = seg(opts.roomId);

  if (hs.admin) {
    const details = await hs.client.get("admin.room", `/_synapse/admin/v1/rooms/${room}`, AdminRoomDetailsSchema).catch((e: unknown) => {
      if (e instanceof MatrixApiError && e.kind === "not-found") {
        throw new EnableEncryptionError("homeserver", `The homeserver does not know room ${opts.roomId}.`);
      }
      throw new EnableEncryptionError("homeserver", `Could not read the room on the homeserver: ${messageOf(e)}`);
    });
    if (details.encryption) {
      throw new EnableEncryptionError("already-encrypted", `The room is already encrypted (${details.encryption}); nothing to do.`);
    }
    if (!details.joined_local_members) {
      throw new EnableEncryptionError(
        "no-local-members",
        "The room has no members on this homeserver, so no local user can grant the auditor power in it. " +
          "Ask a member on the room's own server to enable encryption.",
      );
    }
  }

  let madeAuditorAdmin = false;
  const may = await auditorMayEncrypt(hs, opts.roomId);
  if (may !== true) {
    if (!hs.admin) {
      throw new EnableEncryptionError(
        "no-power",
        may === null
          ? "The auditor account is not in this room and is not a server admin, so it cannot change the room's state. " +
              "Ask a room admin to enable encryption, or give Vigil a server-admin token."
          : "The auditor account's power level in this room is too low to enable encryption, and it is not a server admin. " +
              "Ask a room admin to raise it or to enable encryption.",
      );
    }
    try {
      const makeAdmin = `/_synapse/admin/v1/rooms/${room}/make_room_admin`;
      await hs.client.post("admin.make_room_admin", makeAdmin, { user_id: hs.auditorUserId }, EmptyAnswerSchema);
      madeAuditorAdmin = true;
      // make_room_admin only *invites* a user who is not in a non-public room; accept it. Joining twice is a no-op, so it may retry.
      await hs.client.post("cs.room.join", `/_matrix/client/v3/rooms/${room}/join`, {}, JoinedSchema, { retry: "transient" });
    } catch (e) {
      throw new EnableEncryptionError("homeserver", `Synapse could not make the auditor a room admin: ${messageOf(e)}`);
    }
  }

  try {
    // Sent once ("unsent"): after a 5xx or a timeout the room may already be encrypted, and a scan says which.
    const path = `/_matrix/client/v3/rooms/${room}/state/m.room.encryption/`;
    const res = await hs.client.put("cs.room.encryption", path, { algorithm: MEGOLM }, EventIdSchema, { retry: "unsent" });
    return { eventId: res.event_id, madeAuditorAdmin };
  } catch (e) {
    throw new EnableEncryptionError("homeserver", `The homeserver did not confirm enabling encryption: ${messageOf(e)}`);
  }
}
