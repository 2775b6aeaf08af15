import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { describeIssues } from "../snapshot/read-snapshot";
import { DeviceSchema, UserSchema } from "../snapshot/schema";
import type { DeviceFacts, UserFacts } from "../snapshot/types";
import { deviceHistory, deviceKeys, deviceSignatures, type DeviceSighting } from "./device-view";
import { getLatestSnapshot } from "./latest-snapshot";

/** How many of the newest scans the history reads (each costs a walk of that snapshot's device list); in the SQL below. */
export const HISTORY_SCANS = 100;

const AuditorSchema = z.looseObject({ userId: z.string(), userSigningKey: z.string().optional() });

interface SightingRow {
  id: string;
  /** A Date from most drivers; a string from some, so it is read through new Date() either way. */
  takenAt: Date | string;
  status: string;
  device: unknown;
  owner: unknown;
  auditor: unknown;
}

/** A stored element read back through the snapshot's own schema; a damaged one is named, never guessed at. */
function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string, problems: string[]): T | null {
  if (value === null || value === undefined) return null;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  problems.push(`${what}: ${describeIssues(r.error)}`);
  return null;
}

/**
 * One device across the newest scans: each scan's record of it and of its owner, read out of the stored
 * snapshots without loading them whole (one JSON array walk per snapshot, newest HISTORY_SCANS only).
 */
async function readSightings(userId: string, deviceId: string): Promise<SightingRow[]> {
  return getDb().$queryRaw<SightingRow[]>`
    SELECT s.id, s."takenAt", s.status::text AS status, d.elem AS device, u.elem AS owner, s.data->'matrix'->'auditor' AS auditor
    FROM (
      SELECT id, "takenAt", status, data FROM "Snapshot"
      WHERE status::text IN ('complete', 'partial') ORDER BY "takenAt" DESC LIMIT 100
    ) s
    LEFT JOIN LATERAL (
      SELECT e AS elem FROM jsonb_array_elements(s.data->'matrix'->'devices') e
      WHERE e->>'userId' = ${userId} AND e->>'deviceId' = ${deviceId} LIMIT 1
    ) d ON true
    LEFT JOIN LATERAL (
      SELECT e AS elem FROM jsonb_array_elements(s.data->'matrix'->'users') e WHERE e->>'userId' = ${userId} LIMIT 1
    ) u ON true
    ORDER BY s."takenAt" DESC`;
}

/**
 * The device page: the latest scan's record of the device (keys, signatures and their verdicts), its findings,
 * and its history. null when no scan has data; `device` null when the latest scan did not see it.
 */
export async function getDeviceDetail(userId: string, deviceId: string) {
  const snapshot = await getLatestSnapshot();
  if (!snapshot) return null;
  const db = getDb();
  const [rows, row, findings] = await Promise.all([
    readSightings(userId, deviceId),
    db.deviceRow.findUnique({ where: { snapshotId_userId_deviceId: { snapshotId: snapshot.id, userId, deviceId } } }),
    db.finding.findMany({
      where: { subjectType: "device", subjectId: `${userId}|${deviceId}` },
      orderBy: [{ status: "asc" }, { severity: "asc" }, { lastSeenAt: "desc" }],
      select: { id: true, check: true, severity: true, status: true, detail: true, lastSeenAt: true },
      take: 200,
    }),
  ]);
  const problems: string[] = [];
  const sightings: DeviceSighting[] = rows.map((r) => ({
    snapshotId: r.id,
    takenAt: new Date(r.takenAt),
    status: r.status === "partial" ? "partial" : "complete",
    device: parseOr<DeviceFacts>(DeviceSchema, r.device, `snapshot ${r.id}, device`, problems),
    owner: parseOr<UserFacts>(UserSchema, r.owner, `snapshot ${r.id}, user ${userId}`, problems),
  }));
  const latest = rows.find((r) => r.id === snapshot.id);
  const current = sightings.find((s) => s.snapshotId === snapshot.id);
  const auditor = parseOr(AuditorSchema, latest?.auditor, `snapshot ${snapshot.id}, auditor`, problems) ?? { userId: "" };
  const device = current?.device ?? null;
  if (!device && !row && findings.length === 0 && !sightings.some((s) => s.device)) return { snapshot, found: false as const };
  return {
    snapshot,
    found: true as const,
    row,
    device,
    owner: current?.owner ?? null,
    keys: device ? deviceKeys(device) : [],
    signatures: device ? deviceSignatures(device, current?.owner ?? null, auditor) : [],
    open: findings.filter((f) => f.status === "open"),
    past: findings.filter((f) => f.status !== "open"),
    history: deviceHistory(sightings),
    problems,
  };
}
export type DeviceDetail = Extract<NonNullable<Awaited<ReturnType<typeof getDeviceDetail>>>, { found: true }>;
