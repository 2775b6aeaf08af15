/**
 * How much a failed check matters, worst first. It lives with the policy, not
 * the rules, because the policy overrides it per check (`severities:`) and the
 * rules read the policy: kept here, neither folder imports the other.
 * lib/rules/types.ts re-exports it for everything downstream.
 */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for critical, rising as severity falls: sort ascending for worst first. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
