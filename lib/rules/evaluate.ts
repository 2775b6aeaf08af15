import { partsHeld, partsMissing } from "./snapshot-parts";
import type { Check, CheckContext, CheckResult, Finding, SnapshotPart } from "./types";

export interface CheckCoverage {
  check: string;
  /** Subjects the check looked at: passed + failed + unknown. */
  examined: number;
  passed: number;
  failed: number;
  /** Looked at but not decided (reason in each result's detail). Neither a pass nor a finding. */
  unknown: number;
}

export interface Evaluation {
  findings: Finding[];
  /** Every result, pass, fail and unknown: what the evidence says was examined. */
  results: { check: string; result: CheckResult }[];
  coverage: CheckCoverage[];
  /**
   * A check that threw is reported, not allowed to sink the others. It has no coverage row:
   * it decided nothing, so none of its findings may be resolved by this scan.
   */
  errors: { check: string; message: string }[];
  /** Checks that did not run because the scan did not collect what they examine: no coverage row either. */
  notCollected: { check: string; missing: SnapshotPart[] }[];
}

/** Ids of the checks that ran to the end: the only ones whose silence about a subject means anything. */
export const checksThatRan = (e: Pick<Evaluation, "coverage">): Set<string> => new Set(e.coverage.map((c) => c.check));

/**
 * Runs every check against one context. Pure apart from the checks themselves,
 * which are pure: the same snapshot, policy and registry give the same findings.
 */
export function evaluate(checks: readonly Check[], ctx: CheckContext): Evaluation {
  const out: Evaluation = { findings: [], results: [], coverage: [], errors: [], notCollected: [] };
  const held = partsHeld(ctx.snapshot);
  for (const check of checks) {
    const missing = partsMissing(check.meta, held);
    if (missing.length > 0) {
      out.notCollected.push({ check: check.meta.id, missing });
      continue;
    }
    let results: CheckResult[];
    try {
      results = check.run(ctx);
    } catch (err) {
      out.errors.push({ check: check.meta.id, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const severity = ctx.policy.severities[check.meta.id] ?? check.meta.severity;
    const counts = { pass: 0, fail: 0, unknown: 0 };
    for (const result of results) {
      out.results.push({ check: check.meta.id, result });
      counts[result.status]++;
      if (result.status !== "fail") continue;
      out.findings.push({ check: check.meta.id, severity, subject: result.subject, detail: result.detail, evidence: result.evidence });
    }
    out.coverage.push({
      check: check.meta.id,
      examined: results.length,
      passed: counts.pass,
      failed: counts.fail,
      unknown: counts.unknown,
    });
  }
  return out;
}
