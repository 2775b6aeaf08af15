/**
 * What a finished scan changed, as alert material: findings that are new or
 * reopened, and subjects that appeared or disappeared.
 *
 * "New or reopened" is measured against the open set this code saw after the
 * previous scan (Setting "alerts.openFindings", hashed keys), because the
 * Finding table keeps the lifecycle, not the history: after the scan a
 * reopened finding looks like one that was never closed. On the first scan
 * there is no previous set; then only findings first seen in this scan count,
 * so installing Vigil does not page anyone for everything at once.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";

const OPEN_SET_KEY = "alerts.openFindings";
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 16);

export interface AlertFinding {
  id: string;
  key: string;
  check: string;
  severity: string;
  subject: { type: string; id: string; label: string | null };
  detail: string;
  firstSeenAt: string;
  reopened: boolean;
}

/** Findings this scan opened or reopened, and records the open set for the next scan. */
export async function newFindingsForScan(db: PrismaClient, scanId: string, takenAt: Date): Promise<AlertFinding[]> {
  const open = await db.finding.findMany({ where: { status: "open" }, orderBy: [{ severity: "asc" }, { key: "asc" }] });
  const stored = z.object({ scanId: z.string(), keys: z.array(z.string()) }).safeParse((await db.setting.findUnique({ where: { key: OPEN_SET_KEY } }))?.value);
  const previous = stored.success ? new Set(stored.data.keys) : undefined;
  const fresh = open.filter((f) =>
    previous ? !previous.has(hashKey(f.key)) && f.lastScanId === scanId : f.firstSeenAt.getTime() === takenAt.getTime() && f.lastScanId === scanId,
  );
  const value = { scanId, keys: open.map((f) => hashKey(f.key)) };
  await db.setting.upsert({ where: { key: OPEN_SET_KEY }, create: { key: OPEN_SET_KEY, value, updatedBy: "system" }, update: { value, updatedBy: "system" } });
  return fresh.map((f) => ({
    id: f.id,
    key: f.key,
    check: f.check,
    severity: f.severity,
    subject: { type: f.subjectType, id: f.subjectId, label: f.subjectLabel },
    detail: f.detail,
    firstSeenAt: f.firstSeenAt.toISOString(),
    reopened: f.firstSeenAt.getTime() !== takenAt.getTime(),
  }));
}

export interface SubjectChange {
  type: "room" | "device" | "endpoint";
  id: string;
  change: "added" | "removed";
}

/** How many changes one alert lists; the totals are always given. */
const MAX_LISTED = 500;

/**
 * Subjects (rooms, devices, mesh endpoints) added or removed since the
 * previous complete snapshot. Interim until lib/drift/diff-snapshots.ts lands:
 * presence only, no attribute changes. Only complete snapshots are compared —
 * a partial scan's missing rooms are unseen, not removed.
 */
export async function subjectDrift(db: PrismaClient, scanId: string) {
  const snap = await db.snapshot.findUnique({ where: { scanId }, select: { id: true, takenAt: true, status: true } });
  if (!snap || snap.status !== "complete") return undefined;
  const prev = await db.snapshot.findFirst({ where: { status: "complete", takenAt: { lt: snap.takenAt } }, orderBy: { takenAt: "desc" }, select: { id: true, scanId: true } });
  if (!prev) return undefined;
  const subjects = async (snapshotId: string) => {
    const [rooms, devices, endpoints] = await Promise.all([
      db.roomRow.findMany({ where: { snapshotId }, select: { roomId: true } }),
      db.deviceRow.findMany({ where: { snapshotId }, select: { userId: true, deviceId: true } }),
      db.endpointRow.findMany({ where: { snapshotId }, select: { endpoint: true } }),
    ]);
    return new Set([
      ...rooms.map((r) => `room ${r.roomId}`),
      ...devices.map((d) => `device ${d.userId}|${d.deviceId}`),
      ...endpoints.map((e) => `endpoint ${e.endpoint}`),
    ]);
  };
  const [before, after] = await Promise.all([subjects(prev.id), subjects(snap.id)]);
  const changes: SubjectChange[] = [];
  const push = (s: string, change: SubjectChange["change"]) => {
    const sp = s.indexOf(" ");
    changes.push({ type: s.slice(0, sp) as SubjectChange["type"], id: s.slice(sp + 1), change });
  };
  for (const s of after) if (!before.has(s)) push(s, "added");
  for (const s of before) if (!after.has(s)) push(s, "removed");
  changes.sort((a, b) => a.change.localeCompare(b.change) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  return {
    comparedWithScan: prev.scanId,
    added: changes.filter((c) => c.change === "added").length,
    removed: changes.filter((c) => c.change === "removed").length,
    listed: changes.slice(0, MAX_LISTED),
  };
}
