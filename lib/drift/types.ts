import type { Severity } from "../rules/types";

export type ChangeKind =
  | "room-added"
  | "room-removed"
  | "room-encryption"
  | "room-join-rule"
  | "room-history"
  | "room-guests"
  | "member-added"
  | "member-removed"
  | "device-added"
  | "device-removed"
  | "device-trust"
  | "identity-changed"
  | "cert-rotated"
  | "cert-reissued"
  | "tls-changed"
  | "endpoint-added"
  | "endpoint-removed";

export const CHANGE_KINDS: readonly ChangeKind[] = [
  "room-added",
  "room-removed",
  "room-encryption",
  "room-join-rule",
  "room-history",
  "room-guests",
  "member-added",
  "member-removed",
  "device-added",
  "device-removed",
  "device-trust",
  "identity-changed",
  "cert-rotated",
  "cert-reissued",
  "tls-changed",
  "endpoint-added",
  "endpoint-removed",
];

/** One difference between two snapshots. `before`/`after` are short display values (null: absent). */
export interface Change {
  kind: ChangeKind;
  subject: { type: "room" | "user" | "device" | "endpoint"; id: string; label?: string };
  before: string | null;
  after: string | null;
  /** How much a reviewer should care: a hint for sorting and colour, not a finding. */
  severity: Severity;
  detail: string;
}
