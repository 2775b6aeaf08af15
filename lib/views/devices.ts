import "server-only";
import { getDb, type Prisma } from "../db";
import { DEFAULT_POLICY } from "../policy/defaults";
import { isOn, oneOf, readPaging, type Query } from "./search-params";
import { getLatestSnapshot } from "./latest-snapshot";

export const DEVICE_SORTS = ["lastSeen", "user", "trust", "device"] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

const DAY_MS = 86_400_000;

/** Devices unseen since this instant are stale under the default policy (same rule as MX-DEVICE-STALE). */
export const staleCutoff = (now: Date = new Date()): bigint => BigInt(now.getTime() - DEFAULT_POLICY.matrix.staleDeviceDays * DAY_MS);

/**
 * The devices of a snapshot whose ed25519 or curve25519 key starts with `prefix` (spaces ignored: fingerprints
 * are read in groups). Keys are not columns, so they are read from the snapshot's device list.
 */
async function devicesWithKeyPrefix(snapshotId: string, prefix: string): Promise<{ userId: string; deviceId: string }[]> {
  const compact = prefix.replace(/\s+/g, "");
  if (compact.length < 4 || !/^[A-Za-z0-9+/]+$/.test(compact)) return [];
  return getDb().$queryRaw<{ userId: string; deviceId: string }[]>`
    SELECT e->>'userId' AS "userId", e->>'deviceId' AS "deviceId"
    FROM "Snapshot", jsonb_array_elements(data->'matrix'->'devices') AS e
    WHERE id = ${snapshotId} AND (starts_with(e->'keys'->>'ed25519', ${compact}) OR starts_with(e->'keys'->>'curve25519', ${compact}))
    LIMIT 200`; // a few characters of a fingerprint name one device; 200 is plenty
}

/**
 * The list's filter: the chips, one user (`user`), and a search (`q`) over user id, device id and display name
 * (case-insensitive), or a key fingerprint's first characters. Links from findings (`user` and `q` = a device id) narrow to it.
 */
export async function deviceWhere(snapshotId: string, q: Query, now: Date = new Date()): Promise<Prisma.DeviceRowWhereInput> {
  const where: Prisma.DeviceRowWhereInput = { snapshotId };
  const and: Prisma.DeviceRowWhereInput[] = [];
  if (isOn(q, "unverified")) and.push({ trust: { not: "verified-by-owner" } });
  if (isOn(q, "stale")) and.push({ lastSeenTs: { lt: staleCutoff(now) } });
  if (isOn(q, "unexpected")) and.push({ agentName: { not: null }, expected: false });
  if (isOn(q, "agents")) and.push({ agentName: { not: null } });
  if (q.user) and.push({ userId: q.user });
  const text = q.q?.trim().slice(0, 200);
  if (text) {
    const contains = { contains: text, mode: "insensitive" as const };
    const byKey = await devicesWithKeyPrefix(snapshotId, text);
    and.push({ OR: [{ userId: contains }, { deviceId: contains }, { displayName: contains }, ...byKey] });
  }
  if (and.length) where.AND = and;
  return where;
}

/** The devices list as the URL asks for it. */
export async function listDevices(q: Query) {
  const snapshot = await getLatestSnapshot();
  const { page, pageSize } = readPaging(q);
  const sort = oneOf(q.sort, DEVICE_SORTS, "user");
  const dir = oneOf(q.dir, ["asc", "desc"] as const, sort === "lastSeen" ? "desc" : "asc");
  if (!snapshot) return { snapshot, rows: [], total: 0, page, pageSize, sort, dir };
  const where = await deviceWhere(snapshot.id, q);
  const byColumn: Record<DeviceSort, Prisma.DeviceRowOrderByWithRelationInput> = {
    lastSeen: { lastSeenTs: { sort: dir, nulls: "last" } },
    user: { userId: dir },
    trust: { trust: dir },
    device: { deviceId: dir },
  };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.deviceRow.findMany({
      where,
      orderBy: [byColumn[sort], { userId: "asc" }, { deviceId: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.deviceRow.count({ where }),
  ]);
  return { snapshot, rows, total, page, pageSize, sort, dir };
}

export type SignOutReason = "stale" | "unexpected";

/** Who a sign-out would remove, and why: the dry run the confirmation dialog shows (agents' devices only). */
export async function listSignOutCandidates(now: Date = new Date()) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return [];
  const rows = await getDb().deviceRow.findMany({
    where: { snapshotId: snapshot.id, agentName: { not: null }, OR: [{ expected: false }, { lastSeenTs: { lt: staleCutoff(now) } }] },
    orderBy: [{ userId: "asc" }, { deviceId: "asc" }],
    take: 500,
  });
  return rows.map((r) => {
    const reasons: SignOutReason[] = [];
    if (!r.expected) reasons.push("unexpected");
    if (r.lastSeenTs !== null && r.lastSeenTs < staleCutoff(now)) reasons.push("stale");
    return {
      userId: r.userId,
      deviceId: r.deviceId,
      displayName: r.displayName,
      lastSeenTs: r.lastSeenTs === null ? null : Number(r.lastSeenTs),
      reasons,
    };
  });
}
export type SignOutCandidate = Awaited<ReturnType<typeof listSignOutCandidates>>[number];
