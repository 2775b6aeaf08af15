import type { Check, CheckContext, CheckResult, Finding } from "./types";

export interface CheckCoverage {
  check: string;
  examined: number;
  passed: number;
  failed: number;
}

export interface Evaluation {
  findings: Finding[];
  /** Every result, pass and fail: what the evidence says was examined. */
  results: { check: string; result: CheckResult }[];
  coverage: CheckCoverage[];
  /** A check that threw is reported, not allowed to sink the others. */
  errors: { check: string; message: string }[];
}

/**
 * Runs every check against one context. Pure apart from the checks themselves,
 * which are pure: the same snapshot, policy and registry give the same findings.
 */
export function evaluate(checks: readonly Check[], ctx: CheckContext): Evaluation {
  const out: Evaluation = { findings: [], results: [], coverage: [], errors: [] };
  for (const check of checks) {
    let results: CheckResult[];
    try {
      results = check.run(ctx);
    } catch (err) {
      out.errors.push({ check: check.meta.id, message: (err as Error).message });
      continue;
    }
    const severity = ctx.policy.severities[check.meta.id] ?? check.meta.severity;
    let failed = 0;
    for (const result of results) {
      out.results.push({ check: check.meta.id, result });
      if (result.status !== "fail") continue;
      failed++;
      out.findings.push({ check: check.meta.id, severity, subject: result.subject, detail: result.detail, evidence: result.evidence });
    }
    out.coverage.push({ check: check.meta.id, examined: results.length, passed: results.length - failed, failed });
  }
  return out;
}
