import "server-only";
import { getDb } from "../db";
import { describeIssues, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { RoomSchema } from "../snapshot/schema";
import type { RoomFacts } from "../snapshot/types";
import { indexRooms, selectRooms, type RoomIndex, type RoomListRow } from "./room-index";
import type { Query } from "./search-params";
import { getLatestSnapshot, snapshotElement } from "./latest-snapshot";

// Exactly the list's columns: these rows go to the browser as they are.
const ROOM_LIST_COLUMNS = {
  id: true,
  roomId: true,
  name: true,
  canonicalAlias: true,
  encrypted: true,
  algorithm: true,
  joinRule: true,
  historyVisibility: true,
  guestAccess: true,
  memberCount: true,
  agentCount: true,
  exposure: true,
} satisfies Record<keyof RoomListRow, true>;

// One index per snapshot id; two at most, so the previous one can finish serving while the newest loads.
const indexes = new Map<string, Promise<RoomIndex>>();

/** The rooms of a snapshot, loaded once. A failed load is forgotten so the next request tries again. */
function roomIndexFor(snapshotId: string): Promise<RoomIndex> {
  let index = indexes.get(snapshotId);
  if (!index) {
    index = getDb().roomRow.findMany({ where: { snapshotId }, select: ROOM_LIST_COLUMNS }).then(indexRooms);
    index.catch(() => indexes.delete(snapshotId));
    indexes.set(snapshotId, index);
    for (const old of indexes.keys()) if (indexes.size > 2 && old !== snapshotId) indexes.delete(old);
  }
  return index;
}

/** The rooms list as the URL asks for it: filters, sort, one page, and the total. */
export async function listRooms(q: Query) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return { snapshot, ...selectRooms(indexRooms([]), q) };
  return { snapshot, ...selectRooms(await roomIndexFor(snapshot.id), q) };
}

/** A room as of the latest snapshot: its row, its raw facts (state events), members' devices and its findings. */
export async function getRoomDetail(roomId: string) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return null;
  const db = getDb();
  const row = await db.roomRow.findUnique({ where: { snapshotId_roomId: { snapshotId: snapshot.id, roomId } } });
  if (!row) return null;
  // One room read out of the stored JSON, checked like a whole snapshot would be (RoomSchema is the schema's own room).
  const element = await snapshotElement(snapshot.id, "rooms", "roomId", roomId);
  const parsed = element === null ? null : RoomSchema.safeParse(element);
  const facts: RoomFacts | null = parsed?.success ? parsed.data : null;
  const unreadable =
    parsed && !parsed.success ? new UnreadableSnapshotError(snapshot.id, `room ${roomId}: ${describeIssues(parsed.error)}`).message : null;
  const members = facts?.members ?? [];
  const [devices, findings] = await Promise.all([
    db.deviceRow.findMany({
      where: { snapshotId: snapshot.id, userId: { in: members.slice(0, 500) } },
      orderBy: [{ userId: "asc" }, { deviceId: "asc" }],
    }),
    db.finding.findMany({ where: { subjectType: "room", subjectId: roomId }, orderBy: [{ status: "asc" }, { severity: "asc" }] }),
  ]);
  return { snapshot, row, facts, unreadable, members, devices, findings };
}
