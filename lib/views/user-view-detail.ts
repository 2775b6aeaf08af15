import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { describeIssues, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { UserSchema } from "../snapshot/schema";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import type { UserFacts } from "../snapshot/types";
import { getLatestSnapshot } from "./latest-snapshot";
import { agentOfUser, identityHistory, sortUserDevices, userIdentity, userRooms, type UserSighting } from "./user-view";

const AuditorSchema = z.looseObject({ userId: z.string(), userSigningKey: z.string().optional() });

interface SightingRow {
  id: string;
  takenAt: Date | string;
  status: string;
  owner: unknown;
}

/** The user's record in each of the newest 100 scans, one JSON array walk per snapshot (as the device page's history). */
function readUserSightings(userId: string): Promise<SightingRow[]> {
  return getDb().$queryRaw<SightingRow[]>`
    SELECT s.id, s."takenAt", s.status::text AS status, u.elem AS owner
    FROM (
      SELECT id, "takenAt", status, data FROM "Snapshot"
      WHERE status::text IN ('complete', 'partial') ORDER BY "takenAt" DESC LIMIT 100
    ) s
    LEFT JOIN LATERAL (
      SELECT e AS elem FROM jsonb_array_elements(s.data->'matrix'->'users') e WHERE e->>'userId' = ${userId} LIMIT 1
    ) u ON true
    ORDER BY s."takenAt" DESC`;
}

/**
 * The user page: the latest scan's record of the user's identity, its devices, rooms and agent, the open findings
 * on the user and on its devices, and its identity history. null when no scan has data; found false when no scan
 * read ever saw the user and nothing was found about it.
 */
export async function getUserDetail(userId: string) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return null;
  const db = getDb();
  const [stored, rows, deviceRows, findings] = await Promise.all([
    readStoredSnapshot(db, snapshot.id),
    readUserSightings(userId),
    db.deviceRow.findMany({
      where: { snapshotId: snapshot.id, userId },
      select: { deviceId: true, displayName: true, trust: true, agentName: true, expected: true },
      take: 500,
    }),
    db.finding.findMany({
      where: {
        status: "open",
        OR: [
          { subjectType: "user", subjectId: userId },
          { subjectType: "device", subjectId: { startsWith: `${userId}|` } },
        ],
      },
      orderBy: [{ severity: "asc" }, { lastSeenAt: "desc" }],
      select: { id: true, check: true, severity: true, status: true, detail: true, lastSeenAt: true, subjectType: true, subjectId: true },
      take: 200,
    }),
  ]);
  const problems: string[] = [];
  const sightings: UserSighting[] = rows.map((r) => {
    let user: UserFacts | null = null;
    if (r.owner !== null && r.owner !== undefined) {
      const parsed = UserSchema.safeParse(r.owner);
      if (parsed.success) user = parsed.data;
      else problems.push(`snapshot ${r.id}, user ${userId}: ${describeIssues(parsed.error)}`);
    }
    return { snapshotId: r.id, takenAt: new Date(r.takenAt), status: r.status === "partial" ? "partial" : "complete", user };
  });
  const data = stored instanceof UnreadableSnapshotError ? null : stored;
  if (stored instanceof UnreadableSnapshotError) problems.push(stored.message);
  const user = sightings.find((s) => s.snapshotId === snapshot.id)?.user ?? null;
  const history = identityHistory(sightings);
  if (!user && deviceRows.length === 0 && findings.length === 0 && history.seenIn === 0) return { snapshot, found: false as const };
  const auditorParse = AuditorSchema.safeParse(data?.matrix?.auditor);
  const auditor = auditorParse.success ? auditorParse.data : { userId: "" };
  const devices = sortUserDevices(deviceRows);
  return {
    snapshot,
    found: true as const,
    user,
    identity: user ? userIdentity(user, auditor) : null,
    isAuditor: auditor.userId === userId,
    agent: agentOfUser(userId, data?.registry?.agents ?? [], devices),
    devices,
    rooms: userRooms(userId, data?.matrix?.rooms ?? []),
    /** Rooms could not be listed: the latest snapshot is unreadable, so "no rooms" would be a guess. */
    roomsUnknown: data === null,
    findings,
    history,
    problems,
  };
}
export type UserDetail = Extract<NonNullable<Awaited<ReturnType<typeof getUserDetail>>>, { found: true }>;
