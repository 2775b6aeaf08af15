import "server-only";
import { getDb, type Prisma } from "../db";
import type { RoomFacts } from "../snapshot/types";
import { isOn, oneOf, readPaging, type Query } from "./search-params";
import { getLatestSnapshot, snapshotElement } from "./latest-snapshot";

export const ROOM_SORTS = ["exposure", "name", "members", "agents", "encryption"] as const;
export type RoomSort = (typeof ROOM_SORTS)[number];

/** The rooms list as the URL asks for it: filters, sort, one page, and the total. Indexed on (snapshotId, …). */
export async function listRooms(q: Query) {
  const snapshot = await getLatestSnapshot();
  const { page, pageSize } = readPaging(q);
  const sort = oneOf(q.sort, ROOM_SORTS, "exposure");
  const dir = oneOf(q.dir, ["asc", "desc"] as const, sort === "name" ? "asc" : "desc");
  if (!snapshot) return { snapshot, rows: [], total: 0, page, pageSize, sort, dir };
  const where: Prisma.RoomRowWhereInput = { snapshotId: snapshot.id };
  if (isOn(q, "plaintext")) where.encrypted = false;
  if (isOn(q, "agents")) where.agentCount = { gt: 0 };
  if (isOn(q, "public")) where.joinRule = "public";
  if (q.q) where.OR = [{ name: { contains: q.q, mode: "insensitive" } }, { roomId: { contains: q.q } }, { canonicalAlias: { contains: q.q } }];
  const byColumn: Record<RoomSort, Prisma.RoomRowOrderByWithRelationInput> = {
    exposure: { exposure: dir },
    name: { name: { sort: dir, nulls: "last" } },
    members: { memberCount: dir },
    agents: { agentCount: dir },
    encryption: { encrypted: dir },
  };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.roomRow.findMany({ where, orderBy: [byColumn[sort], { roomId: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.roomRow.count({ where }),
  ]);
  return { snapshot, rows, total, page, pageSize, sort, dir };
}

/** A room as of the latest snapshot: its row, its raw facts (state events), members' devices and its findings. */
export async function getRoomDetail(roomId: string) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return null;
  const db = getDb();
  const row = await db.roomRow.findUnique({ where: { snapshotId_roomId: { snapshotId: snapshot.id, roomId } } });
  if (!row) return null;
  const facts = (await snapshotElement(snapshot.id, "rooms", "roomId", roomId)) as RoomFacts | null;
  const members = facts?.members ?? [];
  const [devices, findings] = await Promise.all([
    db.deviceRow.findMany({ where: { snapshotId: snapshot.id, userId: { in: members.slice(0, 500) } }, orderBy: [{ userId: "asc" }, { deviceId: "asc" }] }),
    db.finding.findMany({ where: { subjectType: "room", subjectId: roomId }, orderBy: [{ status: "asc" }, { severity: "asc" }] }),
  ]);
  return { snapshot, row, facts, members, devices, findings };
}
