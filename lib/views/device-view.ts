/**
 * The device page's view model: keys, the signatures that make a device trusted (each with a verdict), and what
 * changed across snapshots. Pure: the verdicts were computed at scan time from ed25519 signatures over canonical
 * JSON (lib/collect/matrix/trust.ts) and stored as the device's trust and problem and its owner's cross-signing
 * state; this reads them back without taking the homeserver's word for anything. The loader is device-detail.ts.
 */
import type { DeviceFacts, UserFacts } from "../snapshot/types";

/** A signature's verdict: "unknown" always says why in `detail` (not checked, or not readable), never a pass. */
export type SignatureVerdict = "valid" | "invalid" | "missing" | "unknown";

export interface SignatureRow {
  id: "device-self" | "owner-self-signing" | "cross-signing" | "auditor";
  /** Who signed what, in words. */
  label: string;
  verdict: SignatureVerdict;
  detail: string;
}

export interface KeyRow {
  algorithm: "ed25519" | "curve25519";
  value: string;
  /** Groups of four, as Element and the agents print fingerprints for reading aloud. */
  grouped: string;
}

/** One scan that saw the device (or did not), for the history. */
export interface DeviceSighting {
  snapshotId: string;
  takenAt: Date;
  status: "complete" | "partial";
  device: DeviceFacts | null;
  owner: UserFacts | null;
}

export type HistoryKind = "first-seen" | "keys-changed" | "trust-changed" | "auditor-changed" | "cross-signing-changed" | "gone" | "back";

export interface HistoryEvent {
  at: Date;
  snapshotId: string;
  kind: HistoryKind;
  text: string;
}

export interface DeviceHistory {
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** How many of the scans read saw it. */
  seenIn: number;
  scansRead: number;
  /** Newest first. */
  events: HistoryEvent[];
}

export const groupFingerprint = (key: string): string => key.match(/.{1,4}/g)?.join(" ") ?? "";

export function deviceKeys(device: DeviceFacts): KeyRow[] {
  const out: KeyRow[] = [];
  for (const algorithm of ["ed25519", "curve25519"] as const) {
    const value = device.keys?.[algorithm];
    if (value) out.push({ algorithm, value, grouped: groupFingerprint(value) });
  }
  return out;
}

// The problems trust.ts writes; matched here so each signature gets its own verdict (device-view.test.ts runs
// trust.ts on real keys, so a reworded problem fails there, not silently here).
const SELF_MISSING = "device key is not self-signed";
const SELF_INVALID = "device self-signature does not verify";
const NAMES_OTHER = "device key names a different user or device";
const SSK_INVALID = "self-signing key's signature on the device does not verify";
const SSK_MISSING = "device is not signed by its owner's self-signing key";
const NO_SSK = "owner has no self-signing key";
const SSK_UNTRUSTED = "signed by a self-signing key that is not trusted";
const AUDITOR_INVALID = "the auditor's signature on the master key does not verify";

function deviceSelf(d: DeviceFacts): Omit<SignatureRow, "id" | "label"> {
  if (d.trust === "no-keys") return { verdict: "missing", detail: d.problem ?? "the device has not uploaded E2EE keys" };
  if (d.problem === SELF_MISSING) return { verdict: "missing", detail: d.problem };
  if (d.problem === SELF_INVALID || d.problem === NAMES_OTHER) return { verdict: "invalid", detail: d.problem };
  return { verdict: "valid", detail: "the device key carries its own ed25519 signature, and it verifies" };
}

function ownerSelfSigning(d: DeviceFacts): Omit<SignatureRow, "id" | "label"> {
  if (d.trust === "verified-by-owner") return { verdict: "valid", detail: "signed by the owner's self-signing key, whose chain verifies" };
  if (d.trust === "no-keys") return { verdict: "unknown", detail: "not checked: there is no device key to check a signature on" };
  if (d.problem === SSK_INVALID) return { verdict: "invalid", detail: d.problem };
  if (d.problem === SSK_MISSING || d.problem === NO_SSK) return { verdict: "missing", detail: d.problem };
  if (d.problem?.startsWith(SSK_UNTRUSTED)) return { verdict: "valid", detail: `the signature verifies, but it was ${d.problem}` };
  if (d.trust === "bad-signature") return { verdict: "unknown", detail: `not checked: ${d.problem ?? "the device key itself failed"}` };
  return { verdict: "missing", detail: d.problem ?? "not signed by its owner's self-signing key" };
}

export function crossSigning(owner: UserFacts | null): Omit<SignatureRow, "id" | "label"> {
  if (!owner) return { verdict: "unknown", detail: "the owner's cross-signing keys were not read in this scan" };
  const cs = owner.crossSigning;
  if (cs.state === "absent") return { verdict: "missing", detail: "the owner has published no cross-signing keys" };
  if (cs.state === "present") return { verdict: "valid", detail: "the owner's master key signed its self-signing key" };
  const parts = (cs.problem ?? "").split("; ");
  const about = (p: string) => p.startsWith("master key") || p.startsWith("self_signing key") || p.startsWith("self-signing key");
  const mine = parts.filter(about);
  if (mine.length === 0 && cs.selfSigningKey) return { verdict: "valid", detail: `this link verifies; elsewhere: ${cs.problem ?? ""}` };
  const detail = mine.join("; ") || cs.problem || "the cross-signing keys are malformed";
  if (mine.some((p) => p.includes("is not signed")) || parts.includes("no self-signing key published"))
    return { verdict: "missing", detail: parts.includes("no self-signing key published") ? "no self-signing key published" : detail };
  return { verdict: "invalid", detail };
}

export function auditorSignature(
  owner: UserFacts | null,
  auditor: { userId: string; userSigningKey?: string },
): Omit<SignatureRow, "id" | "label"> {
  if (!owner) return { verdict: "unknown", detail: "the owner's keys were not read in this scan" };
  if (owner.userId === auditor.userId) return { verdict: "unknown", detail: "not applicable: this is the auditor's own account" };
  if (owner.verifiedByAuditor) return { verdict: "valid", detail: "the auditor's user-signing key signed the owner's master key" };
  if (owner.crossSigning.problem?.includes(AUDITOR_INVALID)) return { verdict: "invalid", detail: AUDITOR_INVALID };
  if (owner.crossSigning.state === "absent") return { verdict: "missing", detail: "the owner has no master key for the auditor to sign" };
  if (!owner.crossSigning.masterKey)
    return { verdict: "unknown", detail: `not checked: ${owner.crossSigning.problem ?? "no usable master key"}` };
  if (!auditor.userSigningKey)
    return { verdict: "unknown", detail: "not checked: the auditor had no trusted user-signing key in this scan (set up its identity)" };
  return { verdict: "missing", detail: "the auditor has not signed the owner's master key (verify the agent)" };
}

/** The four signatures a device's trust rests on, from its own key up to the auditor's verification of its owner. */
export function deviceSignatures(
  device: DeviceFacts,
  owner: UserFacts | null,
  auditor: { userId: string; userSigningKey?: string },
): SignatureRow[] {
  return [
    { id: "device-self", label: `Device key, signed by itself (ed25519:${device.deviceId})`, ...deviceSelf(device) },
    { id: "owner-self-signing", label: "Device key, signed by the owner's self-signing key", ...ownerSelfSigning(device) },
    { id: "cross-signing", label: "Owner's self-signing key, signed by the owner's master key", ...crossSigning(owner) },
    { id: "auditor", label: "Owner's master key, signed by the auditor's user-signing key", ...auditorSignature(owner, auditor) },
  ];
}

const keyText = (d: DeviceFacts) => `ed25519 ${d.keys?.ed25519 ?? "none"}, curve25519 ${d.keys?.curve25519 ?? "none"}`;
const auditorWord = (u: UserFacts | null) =>
  u === null ? null : u.verifiedByAuditor ? "verified by the auditor" : "not verified by the auditor";

/**
 * First and last seen, and each change between consecutive scans that read the device: keys, its trust, its
 * owner's cross-signing state and the auditor's verification. A partial scan that missed it says nothing (a
 * partial scan's silence is not proof it is gone); a complete one that missed it is recorded as "gone".
 */
export function deviceHistory(sightings: readonly DeviceSighting[]): DeviceHistory {
  const oldestFirst = [...sightings].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const events: HistoryEvent[] = [];
  let prev: DeviceSighting | null = null;
  let present = false;
  let seenIn = 0;
  let firstSeen: Date | null = null;
  let lastSeen: Date | null = null;
  for (const s of oldestFirst) {
    const at = s.takenAt;
    const ev = (kind: HistoryKind, text: string) => events.push({ at, snapshotId: s.snapshotId, kind, text });
    if (!s.device) {
      if (present && s.status === "complete") {
        ev("gone", "not seen by this complete scan");
        present = false;
      }
      continue;
    }
    seenIn++;
    lastSeen = at;
    if (!firstSeen) {
      firstSeen = at;
      ev("first-seen", `first seen: ${s.device.trust}; ${keyText(s.device)}`);
    } else if (!present) ev("back", "seen again");
    present = true;
    const before = prev?.device;
    if (before) {
      if (before.keys?.ed25519 !== s.device.keys?.ed25519 || before.keys?.curve25519 !== s.device.keys?.curve25519)
        ev("keys-changed", `keys changed: was ${keyText(before)}; now ${keyText(s.device)}`);
      if (before.trust !== s.device.trust) ev("trust-changed", `verification ${before.trust} → ${s.device.trust}`);
    }
    if (prev?.owner && s.owner) {
      if (prev.owner.crossSigning.state !== s.owner.crossSigning.state)
        ev("cross-signing-changed", `owner's cross-signing ${prev.owner.crossSigning.state} → ${s.owner.crossSigning.state}`);
      else if (prev.owner.crossSigning.masterKey !== s.owner.crossSigning.masterKey)
        ev("cross-signing-changed", "owner's master key changed");
      if (prev.owner.verifiedByAuditor !== s.owner.verifiedByAuditor)
        ev("auditor-changed", `owner ${auditorWord(prev.owner)} → ${auditorWord(s.owner)}`);
    }
    prev = s;
  }
  return { firstSeen, lastSeen, seenIn, scansRead: sightings.length, events: events.sort((a, b) => b.at.getTime() - a.at.getTime()) };
}
