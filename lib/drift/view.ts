import "server-only";
import { getDb } from "../db";
import { readSnapshot, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import type { DriftComparison } from "./compare-points";
import { diffSnapshots } from "./diff-snapshots";
import type { Snapshot } from "../snapshot/types";

export interface DriftSide {
  snapshotId: string;
  takenAt: Date;
  /** How this side was chosen, shown as its label. */
  label: string;
  acceptedBy?: string | null;
  acceptedAt?: Date | null;
}

export interface DriftView {
  latest: DriftSide;
  /** The accepted baseline, or the first complete snapshot when none was accepted. */
  baseline?: DriftSide & { accepted: boolean };
  previous?: DriftSide;
  /** The changes, or why they were not compared (a snapshot on either side is unreadable). */
  sinceBaseline: DriftComparison;
  sincePrevious: DriftComparison;
}

// Two snapshots never change, so neither does their diff: at 10,000 rooms it cost ~100 ms per view of the page
// (bench/load). Kept per pair of snapshot objects as lib/snapshot/stored-snapshot.ts hands them out, so a snapshot read
// again (its row edited) is diffed again, and a pair is dropped with its snapshots. Callers must not modify the changes.
const diffs = new WeakMap<Snapshot, WeakMap<Snapshot, ReturnType<typeof diffSnapshots>>>();
function diffOnce(before: Snapshot, after: Snapshot): ReturnType<typeof diffSnapshots> {
  const byAfter = diffs.get(before) ?? new WeakMap<Snapshot, ReturnType<typeof diffSnapshots>>();
  diffs.set(before, byAfter);
  const hit = byAfter.get(after) ?? diffSnapshots(before, after);
  byAfter.set(after, hit);
  return hit;
}

const LIGHT = { id: true, takenAt: true, isBaseline: true, baselineAcceptedBy: true, baselineAcceptedAt: true } as const;

/**
 * The drift page's data: changes from the baseline to the latest complete
 * snapshot, and from the complete snapshot before it. Only complete snapshots
 * take part: a partial one would show what was not read as "removed".
 */
export async function getDriftView(): Promise<DriftView | null> {
  const db = getDb();
  const [latest, previous] = await db.snapshot.findMany({
    where: { status: "complete" },
    orderBy: { takenAt: "desc" },
    take: 2,
    select: LIGHT,
  });
  if (!latest) return null;
  const baselineRow =
    (await db.snapshot.findFirst({ where: { isBaseline: true }, select: LIGHT })) ??
    (await db.snapshot.findFirst({ where: { status: "complete" }, orderBy: { takenAt: "asc" }, select: LIGHT }));
  // Read once per snapshot, not per view (lib/snapshot/stored-snapshot.ts); a vanished row reads as unreadable.
  const data = async (id: string) => (await readStoredSnapshot(db, id)) ?? readSnapshot(undefined, id);
  const latestData = await data(latest.id);
  // An unreadable side is said, never shown as "no changes".
  const compare = async (id: string): Promise<DriftComparison> => {
    const before = await data(id);
    if (before instanceof UnreadableSnapshotError) return { notCompared: before.message };
    if (latestData instanceof UnreadableSnapshotError) return { notCompared: latestData.message };
    return { changes: diffOnce(before, latestData) };
  };
  const sinceBaseline = baselineRow && baselineRow.id !== latest.id ? await compare(baselineRow.id) : { changes: [] };
  const sincePrevious = previous ? await compare(previous.id) : { changes: [] };
  return {
    latest: { snapshotId: latest.id, takenAt: latest.takenAt, label: "latest complete scan" },
    ...(baselineRow
      ? {
          baseline: {
            snapshotId: baselineRow.id,
            takenAt: baselineRow.takenAt,
            accepted: baselineRow.isBaseline,
            label: baselineRow.isBaseline ? "accepted baseline" : "first complete scan (no baseline accepted yet)",
            acceptedBy: baselineRow.baselineAcceptedBy,
            acceptedAt: baselineRow.baselineAcceptedAt,
          },
        }
      : {}),
    ...(previous ? { previous: { snapshotId: previous.id, takenAt: previous.takenAt, label: "previous complete scan" } } : {}),
    sinceBaseline,
    sincePrevious,
  };
}

/**
 * Makes a complete snapshot (default: the latest) the one baseline. Exactly
 * one: the others are cleared in the same transaction. Callers go through
 * perform("baseline.accept", …), which checks the role and audits.
 */
export async function acceptBaseline(acceptedBy: string, snapshotId?: string): Promise<{ snapshotId: string; takenAt: Date }> {
  return getDb().$transaction(async (tx) => {
    const target = snapshotId
      ? await tx.snapshot.findFirst({ where: { id: snapshotId, status: "complete" } })
      : await tx.snapshot.findFirst({ where: { status: "complete" }, orderBy: { takenAt: "desc" } });
    if (!target) throw new Error(snapshotId ? `No complete snapshot ${snapshotId}.` : "No complete scan yet: run a scan first.");
    await tx.snapshot.updateMany({ where: { isBaseline: true }, data: { isBaseline: false } });
    await tx.snapshot.update({
      where: { id: target.id },
      data: { isBaseline: true, baselineAcceptedBy: acceptedBy, baselineAcceptedAt: new Date() },
    });
    return { snapshotId: target.id, takenAt: target.takenAt };
  });
}
