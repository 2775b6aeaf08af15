/**
 * What one scan proves about a finding that was open before it. The one rule,
 * shared by the database lifecycle (update-findings.ts) and the headless CLI
 * (`vigil scan --state DIR`, which keeps the previous scan's findings in a file).
 */
import { checksThatRan, type Evaluation } from "../rules/evaluate";
import { findingKey } from "../rules/types";

/** failing: seen failing again. resolved: proven gone or passing. undecided: this scan cannot tell. */
export type Settlement = "failing" | "resolved" | "undecided";

/**
 * complete: every source was read in full, so a subject a check no longer reports is gone.
 * partial: some of the world was not seen, so silence proves nothing.
 */
export type ScanScope = "complete" | "partial";

/** What settling reads of an evaluation. A check that did not run (threw, or its source was not collected) has no coverage. */
export type SettleInput = Pick<Evaluation, "findings" | "results" | "coverage">;

/**
 * Resolved only on positive proof: this scan examined the subject and it passed — or the
 * scan was complete, the finding's check ran to the end, and the subject is gone. An
 * unknown result, a check that threw, or a partial scan's silence resolves nothing.
 */
export function findingSettler(evaluation: SettleInput, scope: ScanScope): (finding: { key: string; check: string }) => Settlement {
  const ran = checksThatRan(evaluation);
  const failing = new Set(evaluation.findings.map((f) => findingKey(f)));
  const status = new Map(evaluation.results.map((r) => [findingKey({ check: r.check, subject: r.result.subject }), r.result.status]));
  return ({ key, check }) => {
    if (failing.has(key)) return "failing";
    const seen = status.get(key);
    const gone = seen === undefined && scope === "complete" && ran.has(check);
    return seen === "pass" || gone ? "resolved" : "undecided";
  };
}
