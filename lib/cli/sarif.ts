/**
 * `vigil scan --format sarif`: a scan report through the one SARIF writer (lib/findings/sarif.ts),
 * which the evidence bundle's findings.sarif uses too. What only a live run knows — whether it
 * succeeded, what it could not see, which checks could not decide — goes into the invocation.
 */
import { sarifLog, sarifResultMapper, type SarifFinding, type SarifInvocation } from "../findings/sarif";
import type { Check, Finding } from "../rules/types";
import { findingKey } from "../rules/types";
import { coverageSection } from "./coverage";
import type { ScanReport } from "./scan-report";

/** A finding of this run as the SARIF writer takes it; `accepted` keys come from the --accept file. */
export function sarifFindingOf(f: Finding, accepted: ReadonlySet<string>): SarifFinding {
  const key = findingKey(f);
  return {
    key,
    check: f.check,
    severity: f.severity,
    subjectType: f.subject.type,
    subjectId: f.subject.id,
    subjectLabel: f.subject.label,
    detail: f.detail,
    ...(accepted.has(key) ? { acceptedBecause: "listed in the --accept file" } : {}),
    properties: { evidence: f.evidence },
  };
}

function invocationOf(report: ScanReport): SarifInvocation {
  const { collected, evaluation } = report;
  return {
    executionSuccessful: collected.status !== "failed",
    startTimeUtc: collected.snapshot.takenAt,
    notifications: [
      ...collected.snapshot.errors.map((e) => ({ level: "error" as const, text: `${e.source} ${e.scope}: ${e.message}` })),
      ...evaluation.errors.map((e) => ({ level: "error" as const, text: `rule ${e.check}: ${e.message}` })),
      // Undecided subjects are no pass: say so where a dashboard shows the run's health.
      ...coverageSection(report).unknown.map((u) => ({
        level: "warning" as const,
        text: `rule ${u.check}: ${u.subjects} subject(s) unknown: ${u.reasons.join("; ")}`,
      })),
    ],
  };
}

/** Builds the SARIF log. `accepted` findings are reported with an external suppression instead of being hidden. */
export function toSarif(report: ScanReport, checks: readonly Check[], accepted: ReadonlySet<string> = new Set(), version = "0.1.0") {
  const metas = checks.map((c) => c.meta);
  const toResult = sarifResultMapper(metas);
  const results = report.evaluation.findings.map((f) => toResult(sarifFindingOf(f, accepted)));
  return sarifLog({ vigilVersion: version, checks: metas, invocation: invocationOf(report) }, results);
}
