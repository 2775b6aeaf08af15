/**
 * Recent timeline METADATA of encrypted rooms, through the Synapse Admin API (GET /_synapse/admin/v1/rooms/<id>/messages,
 * newest first, paged with `end`). Synapse's /messages has no field filter, so the events arrive whole; the schema below
 * keeps type, sender, origin_server_ts and state_key and drops everything else at parse, so no content is read, kept,
 * logged or stored. Bounded per room by the policy's window (hours) and cap (events), and in pages.
 */
import { z } from "zod";
import { seg, type HomeserverClient } from "../../homeserver/client";
import type { EventMeta, RoomTimelineFacts } from "../../snapshot/types";
import { mapPool } from "../mesh/pool";

const PAGE = 100;
/** Kept per room as evidence; the count says how many there were in all. */
const MAX_KEPT = 50;

const EventHead = z.object({
  type: z.string().max(255),
  sender: z.string().max(255),
  origin_server_ts: z.number(),
  state_key: z.string().optional(),
});
const Page = z.object({ chunk: z.array(EventHead).max(1000), end: z.string().max(2000).optional() });

export interface TimelineOptions {
  http: HomeserverClient;
  roomIds: readonly string[];
  windowHours: number;
  maxEventsPerRoom: number;
  now: Date;
  concurrency?: number;
}

interface Head {
  type: string;
  sender: string;
  ts: number;
  state: boolean;
}

/** One room, newest first, until the window's start, the cap, or the room's beginning. */
async function readRoom(http: HomeserverClient, roomId: string, windowStartTs: number, maxEvents: number): Promise<RoomTimelineFacts> {
  const heads: Head[] = [];
  let from: string | undefined;
  let reachedStart = false;
  const maxPages = Math.ceil(maxEvents / PAGE) + 1;
  try {
    for (let page = 0; page < maxPages && heads.length < maxEvents; page++) {
      const query = new URLSearchParams({ dir: "b", limit: String(Math.min(PAGE, maxEvents - heads.length)) });
      if (from) query.set("from", from);
      const got = await http.get("admin.room.messages", `/_synapse/admin/v1/rooms/${seg(roomId)}/messages?${query}`, Page);
      for (const e of got.chunk) {
        if (e.origin_server_ts < windowStartTs) {
          reachedStart = true;
          break;
        }
        heads.push({ type: e.type, sender: e.sender, ts: e.origin_server_ts, state: e.state_key !== undefined });
      }
      if (reachedStart || got.chunk.length === 0 || !got.end || got.end === from) {
        reachedStart = true;
        break;
      }
      from = got.end;
    }
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { roomId, eventsRead: heads.length, windowStartTs, complete: false, unencrypted: [], unencryptedCount: 0, error };
  }
  return { roomId, eventsRead: heads.length, windowStartTs, complete: reachedStart, ...unencryptedOf(heads) };
}

/**
 * Events are newest first. Encryption cannot be removed, so the room was encrypted for every event newer than the
 * OLDEST m.room.encryption in the window; when the window holds none, it was on before the window began (the room
 * is encrypted now: only encrypted rooms are read).
 */
export function unencryptedOf(heads: readonly Head[]): Pick<RoomTimelineFacts, "unencrypted" | "unencryptedCount"> {
  let enabledAt = heads.length;
  heads.forEach((h, i) => {
    if (h.state && h.type === "m.room.encryption") enabledAt = i;
  });
  const all: EventMeta[] = heads.flatMap((h, i) =>
    h.state || h.type === "m.room.encrypted" ? [] : [{ type: h.type, sender: h.sender, ts: h.ts, roomEncrypted: i < enabledAt }],
  );
  // When the cap bites, the events sent while the room was encrypted are the ones worth keeping.
  const kept = [...all.filter((e) => e.roomEncrypted), ...all.filter((e) => !e.roomEncrypted)].slice(0, MAX_KEPT);
  return { unencrypted: kept, unencryptedCount: all.length };
}

export async function collectTimelines(o: TimelineOptions): Promise<RoomTimelineFacts[]> {
  const windowStartTs = o.now.getTime() - o.windowHours * 3600_000;
  return mapPool(o.roomIds, o.concurrency ?? 8, (roomId) => readRoom(o.http, roomId, windowStartTs, o.maxEventsPerRoom));
}
