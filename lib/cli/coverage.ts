import type { Evaluation } from "../rules/evaluate";
import type { Collected } from "../scan/collect-snapshot";

/** Why a scan is not the whole truth: what was not seen, which checks could not decide, which did not run. */
export function coverageSection({ collected, evaluation }: { collected: Collected; evaluation: Evaluation }) {
  const reasons = new Map<string, Set<string>>();
  for (const { check, result } of evaluation.results) {
    if (result.status !== "unknown") continue;
    const set = reasons.get(check) ?? new Set<string>();
    set.add(result.detail);
    reasons.set(check, set);
  }
  return {
    checks: evaluation.coverage,
    notSeen: collected.snapshot.errors,
    unknown: evaluation.coverage
      .filter((c) => c.unknown > 0)
      .map((c) => ({ check: c.check, subjects: c.unknown, reasons: [...(reasons.get(c.check) ?? [])].slice(0, 5) })),
    notRun: evaluation.errors,
    /** Checks that did not run because their source was not collected, grouped by what was missing. */
    notCollected: groupByMissing(evaluation.notCollected),
  };
}

function groupByMissing(notCollected: Evaluation["notCollected"]): { missing: string; checks: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const { check, missing } of notCollected) {
    const key = missing.join(", ");
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  return [...groups].map(([missing, checks]) => ({ missing, checks }));
}
