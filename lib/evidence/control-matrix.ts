/**
 * The control matrix: per control, did the checks mapped to it run, and what
 * did they find? Pure — the caller gathers coverage (CheckRun) and findings
 * (Finding rows) for a snapshot or a period; this decides the status words.
 */
import type { CheckMeta, Framework, Severity } from "../rules/types";
import { CONTROLS, controlKey, type ControlDef } from "./controls-catalogue";

/** Coverage of one check: the most recent run in scope, and how many scans in scope ran it. */
export interface CheckCoverageInput {
  check: string;
  examined: number;
  passed: number;
  failed: number;
  /** Examined but undecided: never counted as passed. Absent in runs stored before it existed. */
  unknown?: number;
  scans: number;
}

export interface FindingRef {
  key: string;
  check: string;
  severity: Severity;
  subjectType: string;
  subjectId: string;
  subjectLabel: string | null;
  detail: string;
  status: "open" | "resolved" | "accepted";
  firstSeenAt: string;
  lastSeenAt: string;
}

/** An accepted finding: the exception an auditor reads, with who accepted it, why and until when. */
export interface ExceptionRef extends FindingRef {
  reason: string;
  owner: string;
  acceptedAt: string | null;
  expires: string | null;
}

/** Findings of one check in scope. Lists may be samples (memory stays flat); counts are exact. */
export interface CheckFindingsInput {
  check: string;
  failingCount: number;
  failing: FindingRef[];
  exceptionsCount: number;
  exceptions: ExceptionRef[];
}

export type ControlState = "satisfied" | "failing" | "exceptions" | "incomplete" | "not-assessed";

export interface ControlCheckLine {
  check: string;
  title: string;
  ran: boolean;
  examined: number;
  passed: number;
  failed: number;
  unknown: number;
  scans: number;
  /** e.g. "412 rooms checked, 412 passed", "12 endpoints checked, 10 passed, 2 unknown" or "not run". */
  coverage: string;
}

export interface ControlStatus {
  framework: Framework;
  id: string;
  title: string;
  required: boolean;
  status: ControlState;
  checks: ControlCheckLine[];
  failingCount: number;
  failing: FindingRef[];
  exceptionsCount: number;
  exceptions: ExceptionRef[];
}

export interface MatrixInput {
  checks: readonly CheckMeta[];
  frameworks: readonly Framework[];
  coverage: readonly CheckCoverageInput[];
  findings: readonly CheckFindingsInput[];
  /** Cap on findings listed per control (counts stay exact). */
  listLimit?: number;
}

/** The noun for what a check examines, from its id's family (CheckRun does not store subject types). */
export function subjectNoun(checkId: string): string {
  if (/^MX-ROOM-/.test(checkId)) return "rooms";
  if (/^MX-(DEVICE|SIGNATURE)-/.test(checkId)) return "devices";
  if (/^MX-(USER|IDENTITY|BACKUP|SIBLINGS)-/.test(checkId)) return "users";
  if (/^MESH-CERT-|^MESH-WEAK-KEY/.test(checkId)) return "certificates";
  if (/^MESH-/.test(checkId)) return "endpoints";
  return "subjects";
}

export const STATUS_WORD: Record<ControlState, string> = {
  "satisfied": "Satisfied",
  "failing": "Failing",
  "exceptions": "Satisfied with exceptions",
  "incomplete": "Partly assessed",
  "not-assessed": "Not assessed",
};

/**
 * Status per control for the chosen frameworks, in catalogue order.
 * - not-assessed: no check mapped to it ran in scope (absence of evidence is never "satisfied");
 * - failing: some mapped check has a finding in scope that is not an accepted exception;
 * - incomplete: nothing failed, but some subjects could not be decided (unknown is never a pass);
 * - exceptions: every failure in scope is accepted (reason, owner, expiry listed);
 * - satisfied: mapped checks ran, decided every subject, and nothing failed.
 */
export function buildControlMatrix(input: MatrixInput): ControlStatus[] {
  const limit = input.listLimit ?? 100;
  const coverage = new Map(input.coverage.map((c) => [c.check, c]));
  const findings = new Map(input.findings.map((f) => [f.check, f]));
  const checksByControl = new Map<string, CheckMeta[]>();
  for (const meta of input.checks) {
    for (const ref of meta.controls) {
      const key = controlKey(ref);
      checksByControl.set(key, [...(checksByControl.get(key) ?? []), meta]);
    }
  }
  const wanted = new Set(input.frameworks);
  return CONTROLS.filter((c) => wanted.has(c.framework)).map((control) =>
    controlStatus(control, checksByControl.get(controlKey(control)) ?? [], coverage, findings, limit),
  );
}

function controlStatus(
  control: ControlDef,
  checks: CheckMeta[],
  coverage: Map<string, CheckCoverageInput>,
  findings: Map<string, CheckFindingsInput>,
  limit: number,
): ControlStatus {
  const lines = checks.map((meta): ControlCheckLine => {
    const cov = coverage.get(meta.id);
    const base = { check: meta.id, title: meta.title };
    if (!cov) return { ...base, ran: false, examined: 0, passed: 0, failed: 0, unknown: 0, scans: 0, coverage: "not run" };
    const unknown = cov.unknown ?? 0;
    const noun = subjectNoun(meta.id);
    const across = cov.scans > 1 ? ` (latest of ${cov.scans} scans)` : "";
    const undecided = unknown > 0 ? `, ${unknown} unknown` : "";
    const words = `${cov.examined} ${noun} checked, ${cov.passed} passed${undecided}${across}`;
    return {
      ...base,
      ran: true,
      examined: cov.examined,
      passed: cov.passed,
      failed: cov.failed,
      unknown,
      scans: cov.scans,
      coverage: words,
    };
  });
  // A check that examined subjects but decided none of them assessed nothing.
  const ran = lines.some((l) => l.ran && (l.examined === 0 || l.unknown < l.examined));
  const undecided = lines.some((l) => l.unknown > 0);
  const ids = checks.map((c) => c.id);
  const mine = ids.flatMap((id) => {
    const f = findings.get(id);
    return f && coverage.has(id) ? [f] : [];
  });
  const failingCount = mine.reduce((n, f) => n + f.failingCount, 0);
  const exceptionsCount = mine.reduce((n, f) => n + f.exceptionsCount, 0);
  const status: ControlState = !ran
    ? "not-assessed"
    : failingCount > 0
      ? "failing"
      : undecided
        ? "incomplete"
        : exceptionsCount > 0
          ? "exceptions"
          : "satisfied";
  return {
    framework: control.framework,
    id: control.id,
    title: control.title,
    required: control.required,
    status,
    checks: lines,
    failingCount,
    failing: mine.flatMap((f) => f.failing).slice(0, limit),
    exceptionsCount,
    exceptions: mine.flatMap((f) => f.exceptions).slice(0, limit),
  };
}
