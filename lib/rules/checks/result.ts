import type { CheckResult, Subject } from "../types";

/** One result; `failed` picks the status so call sites read as the rule they state. Shared by every area's checks. */
export function result(subject: Subject, failed: boolean, detail: string, evidence: Record<string, unknown>): CheckResult {
  return { subject, status: failed ? "fail" : "pass", detail, evidence };
}

/** The subject could not be examined or judged; `reason` says why, in plain words. Never a pass. */
export function unknown(subject: Subject, reason: string, evidence: Record<string, unknown> = {}): CheckResult {
  return { subject, status: "unknown", detail: reason, evidence };
}
