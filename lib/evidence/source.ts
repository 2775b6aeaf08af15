/**
 * What a bundle is made from. The database source (db-source.ts) and the
 * benchmark's synthetic source both implement it; row sets are async
 * iterables so the writer never holds a whole table.
 */
import type { Framework, Severity } from "../rules/types";
import type { ControlStatus, FindingRef } from "./control-matrix";

/** A finding as exported: lifecycle, and acceptance when it is an exception. */
export interface FindingRecord extends FindingRef {
  acceptedReason: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
  acceptedUntil: string | null;
  evidence: unknown;
}

export interface BundleMeta {
  vigilVersion: string;
  generatedAt: Date;
  generatedBy: string;
  scope: "snapshot" | "period";
  period: { from: Date; to: Date };
  frameworks: Framework[];
  scans: { id: string; startedAt: string; finishedAt: string | null; status: string }[];
  /** The snapshot the inventory files come from: the scan itself, or the period's latest. */
  inventorySnapshot: { scanId: string; takenAt: string };
  policy: { sha256: string; source: string };
  homeserver: { baseUrl: string; serverName: string } | null;
  mesh: { caFingerprint256: string | null; endpoints: number } | null;
}

export interface BundleSummary {
  rooms: number;
  devices: number;
  certificates: number;
  findings: number;
  findingsBySeverity: Record<Severity, number>;
  exceptions: number;
}

export interface EvidenceSource {
  meta: BundleMeta;
  matrix: ControlStatus[];
  summary: BundleSummary;
  /** The worst findings, for the human-readable report (the full list is in findings.*). */
  reportFindings: FindingRecord[];
  rooms(): AsyncIterable<unknown>;
  devices(): AsyncIterable<unknown>;
  keys(): AsyncIterable<unknown>;
  certificates(): AsyncIterable<unknown>;
  findings(): AsyncIterable<FindingRecord>;
  auditLog(): AsyncIterable<unknown>;
}

/** Thrown when there is nothing honest to export (e.g. no scan in the period). */
export class NoEvidenceError extends Error {}
