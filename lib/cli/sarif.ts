/**
 * SARIF 2.1.0 for CI: code-scanning dashboards and PR annotations read it.
 * Vigil's subjects are rooms, devices and endpoints, not lines of code, so
 * results carry *logical* locations (kind = subject type, name = subject id)
 * and no physical location; SARIF allows this, though viewers that only draw
 * file annotations (GitHub's PR view) list such results without a file.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import type { Check, Finding, Severity } from "../rules/types";
import { findingKey } from "../rules/types";
import { coverageSection } from "./coverage";
import type { ScanReport } from "./format";

export type SarifLevel = "error" | "warning" | "note";

/** Result level by severity: critical and high fail a build by default, medium warns. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

/** GitHub's scale: ≥9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

/** Builds the SARIF log. `accepted` findings are reported with an external suppression instead of being hidden. */
export function toSarif(report: ScanReport, checks: readonly Check[], accepted: ReadonlySet<string> = new Set(), version = "0.1.0") {
  const ruleIndex = new Map(checks.map((c, i) => [c.meta.id, i]));
  const rules = checks.map(({ meta }) => ({
    id: meta.id,
    name: meta.title,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.risk },
    help: { text: meta.remediation, markdown: `**How to fix:** ${meta.remediation}` },
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[meta.severity],
      tags: ["security", meta.area, ...meta.controls.map((c) => `${c.framework}:${c.id}`)],
    },
  }));
  const result = (f: Finding) => {
    const key = findingKey(f);
    return {
      ruleId: f.check,
      ...(ruleIndex.has(f.check) ? { ruleIndex: ruleIndex.get(f.check) } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.subject.label ? `${f.detail} (${f.subject.label})` : f.detail },
      locations: [{ logicalLocations: [{ name: f.subject.id, fullyQualifiedName: `${f.subject.type}:${f.subject.id}`, kind: f.subject.type }] }],
      // Stable across scans, so a dashboard tracks one finding instead of a new one per run.
      partialFingerprints: { "vigilFindingKey/v1": key },
      ...(accepted.has(key) ? { suppressions: [{ kind: "external", status: "accepted", justification: "listed in the --accept file" }] } : {}),
      properties: { severity: f.severity, evidence: f.evidence },
    };
  };
  const { collected, evaluation } = report;
  const notifications = [
    ...collected.snapshot.errors.map((e) => ({ level: "error", message: { text: `${e.source} ${e.scope}: ${e.message}` } })),
    ...evaluation.errors.map((e) => ({ level: "error", message: { text: `rule ${e.check}: ${e.message}` } })),
    // Undecided subjects are no pass: say so where a dashboard shows the run's health.
    ...coverageSection(report).unknown.map((u) => ({ level: "warning", message: { text: `rule ${u.check}: ${u.subjects} subject(s) unknown: ${u.reasons.join("; ")}` } })),
  ];
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0" as const,
    runs: [
      {
        tool: { driver: { name: "Vigil", version, informationUri: "https://github.com/vigil/vigil", rules } },
        invocations: [{ executionSuccessful: collected.status !== "failed", startTimeUtc: collected.snapshot.takenAt, toolExecutionNotifications: notifications }],
        results: evaluation.findings.map(result),
      },
    ],
  };
}
