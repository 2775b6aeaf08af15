/**
 * Who spoke when, in rooms shared by two or more agents — the metadata
 * MX-ROOM-FEEDBACK-LOOP needs. Only sender and origin_server_ts are kept:
 * Vigil never reads message content of agent rooms.
 */
import type { RoomFacts } from "../../snapshot/types";
import { seg } from "../../homeserver/client";
import { forEachBounded } from "./for-each-bounded";
import { recordError, stopped } from "./scan-errors";
import { MessagesSchema } from "./schemas";
import type { ScanContext } from "./source";

/** Message-like events only; `event_fields` asks the server to drop everything else before it is sent. */
const FILTER = JSON.stringify({
  types: ["m.room.message", "m.room.encrypted", "m.sticker", "m.reaction"],
  event_fields: ["sender", "origin_server_ts", "type"],
});

/** Reduce a /messages chunk to (sender, ts) pairs, oldest first, discarding everything else. */
export function activityFromChunk(chunk: readonly unknown[]): { sender: string; ts: number }[] {
  const out: { sender: string; ts: number }[] = [];
  for (const ev of chunk) {
    const e = ev as { sender?: unknown; origin_server_ts?: unknown };
    if (typeof e?.sender === "string" && typeof e.origin_server_ts === "number") out.push({ sender: e.sender, ts: e.origin_server_ts });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** Fill `recentActivity` on rooms where at least two registered agents are joined. */
export async function collectRecentActivity(
  ctx: ScanContext,
  rooms: RoomFacts[],
  agentUserIds: Set<string>,
  admin: boolean,
  limit = 100,
): Promise<void> {
  const shared = rooms.filter((r) => r.members.filter((m) => agentUserIds.has(m)).length >= 2);
  await forEachBounded(
    shared,
    ctx.concurrency,
    async (room) => {
      if (stopped(ctx, admin)) return;
      const path = admin
        ? `/_synapse/admin/v1/rooms/${seg(room.roomId)}/messages?dir=b&limit=${limit}&filter=${encodeURIComponent(FILTER)}`
        : `/_matrix/client/v3/rooms/${seg(room.roomId)}/messages?dir=b&limit=${limit}&filter=${encodeURIComponent(FILTER)}`;
      const res = await ctx.http.get(admin ? "admin.room.messages" : "cs.room.messages", path, MessagesSchema);
      room.recentActivity = activityFromChunk(res.chunk);
    },
    (room, e) => recordError(ctx, `room ${room.roomId} recent activity`, e, { admin }),
  );
}
