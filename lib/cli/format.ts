import { allChecks } from "../rules/catalogue";
import type { Evaluation } from "../rules/evaluate";
import { severityRank } from "../rules/types";
import type { Collected } from "../scan/collect-snapshot";
import { toSarif } from "./sarif";

export interface ScanReport {
  collected: Collected;
  evaluation: Evaluation;
  durationMs: number;
}

/** The JSON shape CI and tests read: { scan, findings: [{ check, severity, subject, detail, evidence }], coverage }. */
export function scanJson({ collected, evaluation, durationMs }: ScanReport) {
  const findings = [...evaluation.findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.check.localeCompare(b.check) || a.subject.id.localeCompare(b.subject.id),
  );
  return {
    scan: {
      takenAt: collected.snapshot.takenAt,
      status: collected.status,
      durationMs,
      matrixView: collected.snapshot.matrix?.view,
      rooms: collected.snapshot.matrix?.rooms.length ?? 0,
      users: collected.snapshot.matrix?.users.length ?? 0,
      devices: collected.snapshot.matrix?.devices.length ?? 0,
      endpoints: collected.snapshot.mesh?.endpoints.length ?? 0,
      matrixRequests: collected.matrixRequests,
      errors: collected.snapshot.errors,
      ruleErrors: evaluation.errors,
    },
    findings,
    coverage: evaluation.coverage,
  };
}

export function formatScan(format: "json" | "table" | "sarif", report: ScanReport, accepted: ReadonlySet<string> = new Set()): string {
  if (format === "sarif") return JSON.stringify(toSarif(report, allChecks, accepted), null, 2) + "\n";
  const json = scanJson(report);
  if (format === "json") return JSON.stringify(json, null, 2) + "\n";
  const lines = [
    `Scan ${json.scan.status} in ${(json.scan.durationMs / 1000).toFixed(1)} s: ${json.scan.rooms} rooms, ${json.scan.devices} devices, ${json.scan.endpoints} endpoints`,
    ...json.scan.errors.map((e) => `  ! ${e.source} ${e.scope}: ${e.message}`),
    "",
    json.findings.length ? `${json.findings.length} findings:` : "No findings.",
    ...json.findings.map((f) => `  ${f.severity.padEnd(8)} ${f.check.padEnd(26)} ${f.subject.type} ${f.subject.id}  ${f.detail}`),
  ];
  return lines.join("\n") + "\n";
}
