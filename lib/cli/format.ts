import { allChecks } from "../rules/catalogue";
import { severityRank } from "../rules/types";
import type { DriftComparison } from "../drift/compare-points";
import type { StateReport } from "./scan-state";
import { coverageSection } from "./coverage";
import type { ScanReport } from "./scan-report";
import { toSarif } from "./sarif";

/** With --state: `drift` (since the accepted baseline and since the previous complete scan) and the rest of `state`. */
function stateJson({ drift, ...state }: StateReport) {
  return { drift, state };
}

/**
 * The JSON shape CI and tests read: { scan, findings: [{ check, severity, subject, detail, evidence }], coverage, drift?, state? }.
 * A failed scan read nothing trustworthy, so it reports no findings at all (its evaluation is empty).
 */
export function scanJson(report: ScanReport) {
  const { collected, evaluation, durationMs } = report;
  const findings = [...evaluation.findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) || a.check.localeCompare(b.check) || a.subject.id.localeCompare(b.subject.id),
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
    coverage: coverageSection(report),
    ...(report.state ? stateJson(report.state) : {}),
  };
}

function driftLine(label: string, d: DriftComparison): string {
  if (!("changes" in d)) return `  ${label}: not compared (${d.notCompared})`;
  const listed = d.changes.slice(0, 20).map((c) => `\n    ${c.severity.padEnd(8)} ${c.kind} ${c.subject.id}: ${c.detail}`);
  return `  ${label}: ${d.changes.length} change(s)${listed.join("")}`;
}

function stateLines(state: StateReport): string[] {
  const f = state.findings;
  const rules = state.rulesBaseline;
  return [
    "",
    `State ${state.dir}: rules compared with ${rules ? `the ${rules.source} of ${rules.takenAt}` : "nothing (no complete scan stored yet)"}`,
    driftLine("since the baseline", state.drift.sinceBaseline),
    driftLine("since the previous complete scan", state.drift.sincePrevious),
    "comparedWith" in f
      ? `  findings since ${f.comparedWith}: ${f.new.length} new, ${f.resolved.length} resolved, ${f.undecided.length} undecided (not examined)`
      : `  findings: not compared (${f.notCompared})`,
    `  ${state.saved.file} ${state.saved.replaced ? "replaced" : `kept: ${state.saved.why}`}`,
  ];
}

function table(report: ScanReport): string {
  const json = scanJson(report);
  const { coverage } = json;
  const { scan } = json;
  const failed = scan.status === "failed";
  const lines = [
    `Scan ${scan.status} in ${(scan.durationMs / 1000).toFixed(1)} s: ${scan.rooms} rooms, ${scan.devices} devices, ${scan.endpoints} endpoints`,
    ...(coverage.notSeen.length ? ["Not seen:", ...coverage.notSeen.map((e) => `  ! ${e.source} ${e.scope}: ${e.message}`)] : []),
    ...(coverage.unknown.length
      ? [
          "Unknown (not decided, not counted as passed):",
          ...coverage.unknown.map((u) => `  ? ${u.check.padEnd(26)} ${u.subjects} subject(s): ${u.reasons.join("; ")}`),
        ]
      : []),
    ...coverage.notRun.map((e) => `  ! rule ${e.check} did not run: ${e.message}`),
    ...coverage.notCollected.map((g) => `  - ${g.checks.length} rules not run: this scan did not collect ${g.missing}`),
    "",
    failed
      ? "No findings reported: the scan failed, so nothing it says can be trusted."
      : json.findings.length
        ? `${json.findings.length} findings:`
        : "No findings.",
    ...json.findings.map((f) => `  ${f.severity.padEnd(8)} ${f.check.padEnd(26)} ${f.subject.type} ${f.subject.id}  ${f.detail}`),
    ...(report.state ? stateLines(report.state) : []),
  ];
  return lines.join("\n") + "\n";
}

export function formatScan(format: "json" | "table" | "sarif", report: ScanReport, accepted: ReadonlySet<string> = new Set()): string {
  if (format === "sarif") return JSON.stringify(toSarif(report, allChecks, accepted), null, 2) + "\n";
  if (format === "json") return JSON.stringify(scanJson(report), null, 2) + "\n";
  return table(report);
}
