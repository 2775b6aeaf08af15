/**
 * The machine-readable finding formats in a bundle: CSV, SARIF 2.1.0 and OCSF.
 *
 * OCSF: we emit Compliance Finding (class_uid 2003, category Findings), not
 * Detection Finding (2004): a Vigil finding is a configuration evaluated against
 * controls, not a detected threat, and 2003 carries `compliance.standards` and
 * `compliance.requirements`, which is exactly the control mapping an auditor
 * or SIEM needs. Schema version 1.1.0.
 */
import { sarifLog, sarifResultMapper, type SarifFinding } from "../findings/sarif";
import { checkById } from "../rules/catalogue";
import type { CheckMeta, Severity } from "../rules/types";
import { csvRecords, type CsvCell } from "./csv";
import { jsonArray, toJson, wrapped } from "./json-stream";
import type { FindingRecord } from "./source";

const STANDARD_NAME: Record<string, string> = { SOC2: "SOC 2", HIPAA: "HIPAA", ISO27001: "ISO/IEC 27001:2022" };

export const CSV_HEADER = [
  "key",
  "check",
  "title",
  "severity",
  "status",
  "subject_type",
  "subject_id",
  "subject_label",
  "detail",
  "first_seen",
  "last_seen",
  "accepted_reason",
  "accepted_by",
  "accepted_until",
  "controls",
];

function controlsOf(check: string): string {
  return (checkById.get(check)?.meta.controls ?? []).map((c) => `${c.framework} ${c.id}`).join("; ");
}

/** findings.csv: header and one RFC 4180 record per finding. */
export function findingsCsv(findings: AsyncIterable<FindingRecord>): AsyncGenerator<string> {
  return csvRecords(csvLines(findings));
}

async function* csvLines(findings: AsyncIterable<FindingRecord>): AsyncGenerator<CsvCell[]> {
  yield CSV_HEADER;
  for await (const f of findings) {
    const title = checkById.get(f.check)?.meta.title ?? "";
    yield [
      f.key,
      f.check,
      title,
      f.severity,
      f.status,
      f.subjectType,
      f.subjectId,
      f.subjectLabel,
      f.detail,
      f.firstSeenAt,
      f.lastSeenAt,
      f.acceptedReason,
      f.acceptedBy,
      f.acceptedUntil,
      controlsOf(f.check),
    ];
  }
}

/** A stored finding as the one SARIF writer takes it (the CLI's `vigil scan --format sarif` uses the same). */
export function sarifFindingOfRecord(f: FindingRecord): SarifFinding {
  return {
    key: f.key,
    check: f.check,
    severity: f.severity,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    subjectLabel: f.subjectLabel,
    detail: f.detail,
    ...(f.status === "accepted" ? { acceptedBecause: f.acceptedReason ?? "" } : {}),
    properties: { status: f.status, firstSeen: f.firstSeenAt, lastSeen: f.lastSeenAt },
  };
}

/** findings.sarif (SARIF 2.1.0): one run, every check as a rule, accepted findings as suppressions; results streamed. */
export function findingsSarif(
  findings: AsyncIterable<FindingRecord>,
  checks: readonly CheckMeta[],
  vigilVersion: string,
): AsyncGenerator<string> {
  const head = toJson(sarifLog({ vigilVersion, checks }, []));
  // Splice the streamed results array into the otherwise complete document. JSON escapes every quote
  // inside a string, so `"results":[]` can only be the key itself.
  const [prefix, suffix] = head.split('"results":[]');
  const toResult = sarifResultMapper(checks);
  return wrapped(
    `${prefix}"results":`,
    jsonArray(findings, (f) => toResult(sarifFindingOfRecord(f))),
    suffix ?? "",
  );
}

const OCSF_SEVERITY: Record<Severity, [number, string]> = {
  info: [1, "Informational"],
  low: [2, "Low"],
  medium: [3, "Medium"],
  high: [4, "High"],
  critical: [5, "Critical"],
};
const OCSF_STATUS: Record<FindingRecord["status"], [number, string]> = {
  open: [1, "New"],
  accepted: [3, "Suppressed"],
  resolved: [4, "Resolved"],
};

/** findings.ocsf.json: an array of OCSF 1.1.0 Compliance Finding (2003) events. */
export function findingsOcsf(findings: AsyncIterable<FindingRecord>, vigilVersion: string): AsyncGenerator<string> {
  return jsonArray(findings, (f) => {
    const meta = checkById.get(f.check)?.meta;
    const controls = meta?.controls ?? [];
    const [severity_id, severity] = OCSF_SEVERITY[f.severity];
    const [status_id, status] = OCSF_STATUS[f.status];
    return {
      class_uid: 2003,
      class_name: "Compliance Finding",
      category_uid: 2,
      category_name: "Findings",
      activity_id: 1,
      activity_name: "Create",
      type_uid: 200301,
      time: Date.parse(f.lastSeenAt),
      severity_id,
      severity,
      status_id,
      status,
      message: f.detail,
      metadata: { version: "1.1.0", product: { name: "Vigil", vendor_name: "Vigil", version: vigilVersion } },
      finding_info: {
        uid: f.key,
        title: meta?.title ?? f.check,
        desc: meta?.risk,
        types: [f.check],
        first_seen_time: Date.parse(f.firstSeenAt),
        last_seen_time: Date.parse(f.lastSeenAt),
      },
      compliance: {
        control: f.check,
        standards: [...new Set(controls.map((c) => STANDARD_NAME[c.framework] ?? c.framework))],
        requirements: controls.map((c) => `${c.framework} ${c.id}`),
        status: "Fail",
        status_id: 3,
      },
      resources: [{ uid: f.subjectId, type: f.subjectType, name: f.subjectLabel ?? undefined }],
      remediation: meta ? { desc: meta.remediation } : undefined,
      unmapped:
        f.status === "accepted"
          ? { accepted_reason: f.acceptedReason, accepted_by: f.acceptedBy, accepted_until: f.acceptedUntil }
          : undefined,
    };
  });
}
