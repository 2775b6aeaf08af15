/**
 * What `vigil scan --state DIR` compares a new scan with, and what it reports
 * about the comparison. The choices are the server's own (lib/drift/compare-points,
 * lib/findings/settle); this file only maps the state files onto them.
 */
import { compareForDrift, pickRulesBaseline, type DriftComparison } from "../drift/compare-points";
import { findingSettler } from "../findings/settle";
import type { Evaluation } from "../rules/evaluate";
import { findingKey } from "../rules/types";
import type { Collected } from "../scan/collect-snapshot";
import type { Snapshot } from "../snapshot/types";
import { BASELINE_FILE, LAST_FILE, type FindingRef, type State } from "./state-dir";

type BaselineSource = "accepted baseline" | "last complete scan";

/** The snapshot the rules compare with: the accepted baseline, else the last complete scan (as on the server). */
export function rulesBaselineOf(state: State): { snapshot: Snapshot; source: BaselineSource } | undefined {
  const point = (snapshot: Snapshot, isBaseline: boolean, source: BaselineSource) => ({
    status: "complete" as const,
    isBaseline,
    takenAt: snapshot.takenAt,
    snapshot,
    source,
  });
  return pickRulesBaseline([
    state.baseline && point(state.baseline.snapshot, true, "accepted baseline"),
    state.last && point(state.last.snapshot, false, "last complete scan"),
  ]);
}

export type FindingsSincePrevious =
  { comparedWith: string; new: string[]; resolved: string[]; undecided: string[] } | { notCompared: string };

export interface StateReport {
  dir: string;
  /** What MX-IDENTITY-CHANGED and other baseline checks compared with. */
  rulesBaseline: { source: BaselineSource; takenAt: string } | null;
  baseline: { takenAt: string; acceptedAt: string; acceptedBy?: string } | null;
  previous: { takenAt: string } | null;
  drift: { sinceBaseline: DriftComparison; sincePrevious: DriftComparison };
  /** Findings of the previous complete scan: which this scan proved resolved, and which it could not decide. */
  findings: FindingsSincePrevious;
  /** Whether this scan replaces last.json, and if not, why. */
  saved: { file: string; replaced: boolean; why: string };
}

export const findingRefs = (evaluation: Evaluation): FindingRef[] =>
  evaluation.findings.map((f) => ({ key: findingKey(f), check: f.check, severity: f.severity }));

function findingsSincePrevious(state: State, collected: Collected, evaluation: Evaluation): FindingsSincePrevious {
  if (!state.last) return { notCompared: "no previous complete scan in the state directory" };
  if (collected.status === "failed") return { notCompared: "this scan failed: it proves nothing about any finding" };
  const settle = findingSettler(evaluation, collected.status === "complete" ? "complete" : "partial");
  const before = new Set(state.last.findings.map((f) => f.key));
  const byOutcome = { resolved: [] as string[], undecided: [] as string[] };
  for (const f of state.last.findings) {
    const outcome = settle(f);
    if (outcome !== "failing") byOutcome[outcome].push(f.key);
  }
  const fresh = findingRefs(evaluation)
    .filter((f) => !before.has(f.key))
    .map((f) => f.key);
  return {
    comparedWith: state.last.snapshot.takenAt,
    new: fresh.sort(),
    resolved: byOutcome.resolved.sort(),
    undecided: byOutcome.undecided.sort(),
  };
}

/** The state section of a scan report. `stored` is the snapshot as it would be saved (registry included). */
export function stateReport(state: State, collected: Collected, evaluation: Evaluation, stored: Snapshot): StateReport {
  const current = { status: collected.status, snapshot: stored };
  const rules = rulesBaselineOf(state);
  const accepted = state.baseline;
  const asPoint = (snapshot: Snapshot) => ({ status: "complete" as const, snapshot });
  const noBaseline = `no accepted baseline: run \`vigil baseline accept --state ${state.dir}\` after a complete scan`;
  return {
    dir: state.dir,
    rulesBaseline: rules ? { source: rules.source, takenAt: rules.snapshot.takenAt } : null,
    baseline: accepted
      ? {
          takenAt: accepted.snapshot.takenAt,
          acceptedAt: accepted.acceptedAt,
          ...(accepted.acceptedBy ? { acceptedBy: accepted.acceptedBy } : {}),
        }
      : null,
    previous: state.last ? { takenAt: state.last.snapshot.takenAt } : null,
    drift: {
      sinceBaseline: compareForDrift(state.baseline && asPoint(state.baseline.snapshot), current, noBaseline),
      sincePrevious: compareForDrift(
        state.last && asPoint(state.last.snapshot),
        current,
        "no previous complete scan in the state directory",
      ),
    },
    findings: findingsSincePrevious(state, collected, evaluation),
    saved:
      collected.status === "complete"
        ? { file: LAST_FILE, replaced: true, why: "complete scan" }
        : {
            file: LAST_FILE,
            replaced: false,
            why: `this scan is ${collected.status}: only a complete scan replaces ${LAST_FILE} (and may become ${BASELINE_FILE})`,
          },
  };
}
