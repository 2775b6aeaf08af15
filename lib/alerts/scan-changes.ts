/**
 * What a finished scan changed, as alert material: findings that are new or
 * reopened, and drift since the previous complete snapshot (lib/drift).
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
import { diffSnapshots } from "../drift/diff-snapshots";
import { log } from "../log";
import { readSnapshot, UnreadableSnapshotError } from "../snapshot/read-snapshot";

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
  // Only what an alert says: the evidence of thousands of open findings cost every scan a multi-megabyte read (bench/load).
  const open = await db.finding.findMany({
    where: { status: "open" },
    orderBy: [{ severity: "asc" }, { key: "asc" }],
    select: {
      id: true,
      key: true,
      check: true,
      severity: true,
      subjectType: true,
      subjectId: true,
      subjectLabel: true,
      detail: true,
      firstSeenAt: true,
      lastScanId: true,
    },
  });
  const stored = z
    .object({ scanId: z.string(), keys: z.array(z.string()) })
    .safeParse((await db.setting.findUnique({ where: { key: OPEN_SET_KEY } }))?.value);
  const previous = stored.success ? new Set(stored.data.keys) : undefined;
  const fresh = open.filter((f) =>
    previous
      ? !previous.has(hashKey(f.key)) && f.lastScanId === scanId
      : f.firstSeenAt.getTime() === takenAt.getTime() && f.lastScanId === scanId,
  );
  const value = { scanId, keys: open.map((f) => hashKey(f.key)) };
  await db.setting.upsert({
    where: { key: OPEN_SET_KEY },
    create: { key: OPEN_SET_KEY, value, updatedBy: "system" },
    update: { value, updatedBy: "system" },
  });
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

/** How many changes one alert lists; the totals are always given. */
const MAX_LISTED = 500;

/**
 * What changed since the previous complete snapshot, by lib/drift's
 * diffSnapshots (rooms, members, devices, trust, identities, endpoints,
 * certificates, TLS). Only complete snapshots are compared — a partial scan's
 * missing rooms are unseen, not removed. Undefined when there is nothing to
 * compare with, or when either snapshot is unreadable (logged; the Drift page shows it).
 */
export async function scanDrift(db: PrismaClient, scanId: string) {
  const snap = await db.snapshot.findUnique({ where: { scanId }, select: { id: true, data: true, takenAt: true, status: true } });
  if (!snap || snap.status !== "complete") return undefined;
  const prev = await db.snapshot.findFirst({
    where: { status: "complete", takenAt: { lt: snap.takenAt } },
    orderBy: { takenAt: "desc" },
    select: { id: true, data: true, scanId: true },
  });
  if (!prev) return undefined;
  const before = readSnapshot(prev.data, prev.id);
  const after = readSnapshot(snap.data, snap.id);
  // Nothing to compare honestly; alerts for new findings still go out, and the Drift page shows the same error to people.
  for (const read of [before, after])
    if (read instanceof UnreadableSnapshotError) log.error({ scanId }, `drift not compared: ${read.message}`);
  if (before instanceof UnreadableSnapshotError || after instanceof UnreadableSnapshotError) return undefined;
  const changes = diffSnapshots(before, after);
  const bySeverity: Record<string, number> = {};
  for (const c of changes) bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + 1;
  return { comparedWithScan: prev.scanId, total: changes.length, bySeverity, listed: changes.slice(0, MAX_LISTED) };
}
