/**
 * Which stored snapshots a new scan is compared with, and when a comparison
 * means anything. Shared by the server (lib/scan/run-scan.ts, snapshots in the
 * database) and the headless CLI (`vigil scan --state DIR`, snapshots in files),
 * so both raise the same identity changes and the same drift.
 */
import type { ScanStatus, Snapshot } from "../snapshot/types";
import { diffSnapshots } from "./diff-snapshots";
import type { Change } from "./types";

/** A stored snapshot as far as choosing needs to know. */
export interface ComparePoint {
  status: ScanStatus;
  /** Accepted as the baseline by a person (Drift page, `vigil baseline accept`). */
  isBaseline: boolean;
  takenAt: Date | string;
}

const time = (p: ComparePoint) => new Date(p.takenAt).getTime();

/**
 * The snapshot the rules compare against (MX-IDENTITY-CHANGED): the accepted
 * baseline, else the latest complete snapshot. Partial and failed snapshots
 * never qualify: what they did not read would look like a change.
 */
export function pickRulesBaseline<T extends ComparePoint>(candidates: readonly (T | null | undefined)[]): T | undefined {
  const complete = candidates.filter((c): c is T => c?.status === "complete");
  const accepted = complete.filter((c) => c.isBaseline).sort((a, b) => time(b) - time(a))[0];
  return accepted ?? complete.sort((a, b) => time(b) - time(a))[0];
}

/** Changes from `before` to `after`, or why they were not compared. */
export type DriftComparison = { changes: Change[] } | { notCompared: string };

/**
 * Drift between two scans, only when both are complete: a partial scan's
 * unread rooms are unseen, not removed, and would otherwise show as drift.
 */
export function compareForDrift(
  before: { status: ScanStatus; snapshot: Snapshot } | undefined,
  after: { status: ScanStatus; snapshot: Snapshot },
  missing = "nothing to compare with",
): DriftComparison {
  if (after.status !== "complete") return { notCompared: `this scan is ${after.status}: what it did not read would show as removed` };
  if (!before) return { notCompared: missing };
  if (before.status !== "complete") return { notCompared: `the scan of ${before.snapshot.takenAt} was ${before.status}` };
  return { changes: diffSnapshots(before.snapshot, after.snapshot) };
}
