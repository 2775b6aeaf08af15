/**
 * The partial view of a non-admin auditor: only rooms it has joined, through the
 * Client-Server API. Members come from the same `/state` read as everything else.
 */
import type { RoomFacts } from "../../snapshot/types";
import { seg } from "../../homeserver/client";
import { forEachBounded } from "./for-each-bounded";
import { dropUndefined, factsFromState } from "./room-state";
import { recordError, stopped } from "./scan-errors";
import { ClientStateSchema, JoinedRoomsSchema } from "./schemas";
import type { ScanContext } from "./source";

/** Rooms the auditor has joined, with facts from their current state. */
export async function collectMemberRooms(ctx: ScanContext, keepState: (members: string[]) => boolean): Promise<RoomFacts[]> {
  let roomIds: string[];
  try {
    roomIds = (await ctx.http.get("cs.joined_rooms", "/_matrix/client/v3/joined_rooms", JoinedRoomsSchema)).joined_rooms;
  } catch (e) {
    recordError(ctx, "joined rooms", e);
    return [];
  }
  const rooms: RoomFacts[] = [];
  await forEachBounded(
    [...new Set(roomIds)],
    ctx.concurrency,
    async (roomId) => {
      if (stopped(ctx)) return;
      const state = await ctx.http.get("cs.room.state", `/_matrix/client/v3/rooms/${seg(roomId)}/state`, ClientStateSchema);
      const s = factsFromState(state);
      if (s.malformed)
        ctx.errors.push({ source: "matrix", scope: `room ${roomId} state`, message: `${s.malformed} malformed state events ignored` });
      const { malformed: _m, ...facts } = s;
      rooms.push(dropUndefined({ roomId, ...facts, ...(keepState(s.members) ? { state } : {}) }));
    },
    (roomId, e) => recordError(ctx, `room ${roomId} state`, e),
  );
  return rooms.sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
}
