import "server-only";
import { getDb } from "../db";
import { describeIssues, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { RoomSchema } from "../snapshot/schema";
import type { RoomFacts } from "../snapshot/types";
import { createHash } from "node:crypto";
import { SEVERITIES, type Severity } from "../policy/severity";
import { indexRooms, selectRooms, type RoomIndex, type RoomListRow, type RoomOpenFindings } from "./room-index";
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

// One index per snapshot and state of the rooms' open findings; two at most, so the previous one can finish serving
// while the newest loads.
const indexes = new Map<string, Promise<RoomIndex>>();

/**
 * Open findings by room, and a digest of them. Findings change without a new snapshot (accepted, reopened), so
 * the index is keyed by this digest too: one grouped count a request, and a rebuilt index only when it moved.
 */
async function openRoomFindings(): Promise<{ byRoom: Map<string, RoomOpenFindings>; digest: string }> {
  const groups = await getDb().finding.groupBy({
    by: ["subjectId", "severity"],
    where: { status: "open", subjectType: "room" },
    _count: { _all: true },
    orderBy: [{ subjectId: "asc" }, { severity: "asc" }],
  });
  const byRoom = new Map<string, RoomOpenFindings>();
  const hash = createHash("sha256");
  for (const g of groups) {
    const severity: Severity = g.severity;
    hash.update(`${g.subjectId}\0${severity}\0${g._count._all}\n`);
    const seen = byRoom.get(g.subjectId);
    if (!seen) byRoom.set(g.subjectId, { count: g._count._all, worst: severity });
    else {
      seen.count += g._count._all;
      if (SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(seen.worst)) seen.worst = severity;
    }
  }
  return { byRoom, digest: hash.digest("hex") };
}

/** The rooms of a snapshot, loaded once per state of their findings. A failed load is forgotten so the next request tries again. */
async function roomIndexFor(snapshotId: string): Promise<RoomIndex> {
  const findings = await openRoomFindings();
  const key = `${snapshotId}:${findings.digest}`;
  let index = indexes.get(key);
  if (!index) {
    index = getDb()
      .roomRow.findMany({ where: { snapshotId }, select: ROOM_LIST_COLUMNS })
      .then((rows) => indexRooms(rows, findings.byRoom));
    index.catch(() => indexes.delete(key));
    indexes.set(key, index);
    for (const old of indexes.keys()) if (indexes.size > 2 && old !== key) indexes.delete(old);
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
