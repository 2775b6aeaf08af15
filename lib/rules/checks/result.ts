import type { CheckResult, Subject } from "../types";

/** One result; `failed` picks the status so call sites read as the rule they state. Shared by every area's checks. */
export function result(subject: Subject, failed: boolean, detail: string, evidence: Record<string, unknown>): CheckResult {
  return { subject, status: failed ? "fail" : "pass", detail, evidence };
}
