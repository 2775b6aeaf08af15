/**
 * The one SARIF 2.1.0 writer. `vigil scan --format sarif` (lib/cli/sarif.ts) and the evidence
 * bundle's findings.sarif (lib/evidence/formats.ts) both build their rules and results here, so a
 * finding carries the same fingerprint wherever it is uploaded and a code-scanning dashboard
 * tracks it as one alert, not two.
 *
 * Vigil's subjects are rooms, devices and endpoints, not lines of code, so results carry
 * *logical* locations (kind = subject type, name = subject id) and no physical location; SARIF
 * allows this, though viewers that only draw file annotations list such results without a file.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import type { CheckMeta, Severity } from "../rules/types";

export type SarifLevel = "error" | "warning" | "note";

/** Result level by severity: critical and high fail a build by default, medium warns. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

/** GitHub's scale: ≥9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

/**
 * The partialFingerprints key. CI users already upload SARIF with it, and a dashboard matches
 * alerts across runs by it: renaming it would close every open alert and open a copy.
 */
export const FINGERPRINT_KEY = "vigilFindingKey/v1";

/** A finding as SARIF needs it, whichever side exported it. */
export interface SarifFinding {
  /** The finding's identity, `check|subjectType|subjectId` (findingKey): the fingerprint. */
  key: string;
  check: string;
  severity: Severity;
  subjectType: string;
  subjectId: string;
  subjectLabel?: string | null;
  detail: string;
  /** Reported with an external suppression instead of being hidden; the text says why it was accepted. */
  acceptedBecause?: string;
  /** Extra result properties: the evidence (CLI) or the lifecycle (evidence bundle). */
  properties?: Record<string, unknown>;
}

/** What the run says about itself (the CLI knows; a bundle of stored findings does not). */
export interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc: string;
  notifications: { level: SarifLevel; text: string }[];
}

export interface SarifRunInput {
  vigilVersion: string;
  checks: readonly CheckMeta[];
  invocation?: SarifInvocation;
}

export function sarifRule(meta: CheckMeta) {
  return {
    id: meta.id,
    name: meta.title,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.risk },
    help: { text: meta.remediation, markdown: `**How to fix:** ${meta.remediation}` },
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[meta.severity],
      "tags": ["security", meta.area, ...meta.controls.map((c) => `${c.framework}:${c.id}`)],
    },
  };
}

/** Maps findings to SARIF results against the run's rules (ruleIndex only where the rule is declared). */
export function sarifResultMapper(checks: readonly CheckMeta[]) {
  const ruleIndex = new Map(checks.map((c, i) => [c.id, i]));
  return (f: SarifFinding) => {
    const index = ruleIndex.get(f.check);
    return {
      ruleId: f.check,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.subjectLabel ? `${f.detail} (${f.subjectLabel})` : f.detail },
      locations: [
        { logicalLocations: [{ name: f.subjectId, fullyQualifiedName: `${f.subjectType}:${f.subjectId}`, kind: f.subjectType }] },
      ],
      // Stable across scans, so a dashboard tracks one finding instead of a new one per run.
      partialFingerprints: { [FINGERPRINT_KEY]: f.key },
      ...(f.acceptedBecause !== undefined
        ? { suppressions: [{ kind: "external", status: "accepted", justification: f.acceptedBecause }] }
        : {}),
      properties: { severity: f.severity, ...f.properties },
    };
  };
}

/** The whole SARIF log with `results` in its one run. The evidence bundle streams results into `[]` instead. */
export function sarifLog(run: SarifRunInput, results: readonly unknown[]) {
  const { invocation } = run;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "Vigil",
            version: run.vigilVersion,
            informationUri: "https://github.com/vigil/vigil",
            rules: run.checks.map(sarifRule),
          },
        },
        ...(invocation
          ? {
              invocations: [
                {
                  executionSuccessful: invocation.executionSuccessful,
                  startTimeUtc: invocation.startTimeUtc,
                  toolExecutionNotifications: invocation.notifications.map((n) => ({ level: n.level, message: { text: n.text } })),
                },
              ],
            }
          : {}),
        results,
      },
    ],
  };
}
