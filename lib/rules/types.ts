/**
 * The vocabulary every check speaks. A check is a pure function from a
 * snapshot (plus policy, registry and baseline) to one result per subject it
 * examined — passes included, so evidence can state coverage.
 */
import type { Severity } from "../policy/severity";
import type { Policy } from "../policy/types";
import type { Registry } from "../registry/types";
import type { Snapshot } from "../snapshot/types";

// Severity is defined beside the policy that overrides it; checks and everything downstream take it from here.
export { SEVERITIES, severityRank, type Severity } from "../policy/severity";

export type Area = "matrix" | "mesh" | "registry" | "homeserver";

/**
 * A part of the snapshot a check examines. A scan that did not collect it (no homeserver configured, posture probes
 * off, no admin token for the timeline) did not examine the check's subjects, so the check does not run at all:
 * its silence must not read as "gone" and resolve what it found before.
 */
export type SnapshotPart = "matrix" | "mesh" | "homeserver" | "homeserverTimeline";

export type SubjectType = "room" | "user" | "device" | "endpoint" | "certificate" | "agent" | "homeserver";

/** What a result is about. `id` is stable across scans (room id, "user|device", host:port, cert fingerprint, public URL). */
export interface Subject {
  type: SubjectType;
  id: string;
  /** Human label (room name, display name); hostile text, render as text only. */
  label?: string;
}

export type Framework = "SOC2" | "HIPAA" | "ISO27001";
export interface ControlRef {
  framework: Framework;
  /** e.g. "CC6.1", "164.312(e)(1)", "A.8.24" */
  id: string;
}

/** Self-description of a check: one place feeds the catalogue, the UI's why/how-to-fix, and evidence. */
export interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  area: Area;
  /** What it examines (see SnapshotPart). Left out: its area's part (matrix, mesh, homeserver); registry checks read none. */
  reads?: readonly SnapshotPart[];
  /** One sentence: why it matters, from the threat model. */
  risk: string;
  /** How to fix it, concretely. */
  remediation: string;
  controls: readonly ControlRef[];
  /** What a healthy subject shows, in a few words ("Refused without a client certificate"): the page's "expected". */
  expectation?: string;
  /**
   * Scanners people already trust that reach the same verdict (the integration test holds Vigil to them).
   * Empty: only Vigil can tell (client-certificate enforcement, SPIFFE identity, lifetime policy).
   */
  alsoJudgedBy?: readonly ("testssl.sh" | "sslscan")[];
}

/**
 * pass: examined and fine. fail: examined and wrong (a finding). unknown: not examined, or
 * examined but undecidable — `detail` says why. Unknown is never a pass: it resolves no
 * finding and counts as covered nowhere (DESIGN.md).
 */
export type ResultStatus = "pass" | "fail" | "unknown";

export interface CheckResult {
  subject: Subject;
  status: ResultStatus;
  /** One line in plain words, e.g. "Room has no m.room.encryption state event"; for unknown, the reason. */
  detail: string;
  /** The raw facts the verdict was derived from. JSON-serialisable. */
  evidence: Record<string, unknown>;
}

export interface CheckContext {
  snapshot: Snapshot;
  policy: Policy;
  registry: Registry;
  /** The accepted baseline (or previous complete snapshot) when there is one. */
  baseline?: Snapshot;
  now: Date;
}

export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext): CheckResult[];
}

/** A failed result, named by its check. Stable identity: `${check}|${subject.type}|${subject.id}`. */
export interface Finding {
  check: string;
  severity: Severity;
  subject: Subject;
  detail: string;
  evidence: Record<string, unknown>;
}

export const findingKey = (f: Pick<Finding, "check" | "subject">): string => `${f.check}|${f.subject.type}|${f.subject.id}`;
