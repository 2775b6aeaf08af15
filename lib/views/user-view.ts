/**
 * The Matrix user page's view model: the user's cross-signing identity (its three keys and the two signatures its
 * trust rests on, judged by device-view.ts's own verdicts: one copy of that reasoning), the agent it belongs to, its
 * devices, the rooms it is in (bounded) and how its identity changed across scans. Pure; the loader is
 * user-view-detail.ts.
 */
import type { AgentDecl } from "../registry/types";
import type { DeviceTrust, RoomFacts, UserFacts } from "../snapshot/types";
import { auditorSignature, crossSigning, groupFingerprint, type KeyRow, type SignatureRow } from "./device-view";

/** How many rooms the page lists; the count says how many there are in all. */
export const USER_ROOMS_SHOWN = 50;

export interface IdentityKeyRow extends Omit<KeyRow, "algorithm"> {
  role: "master" | "self-signing" | "user-signing";
}

export interface UserIdentity {
  state: UserFacts["crossSigning"]["state"];
  problem?: string;
  keys: IdentityKeyRow[];
  /** Master key → self-signing key, and the auditor's user-signing key → master key: the same verdicts a device page shows. */
  signatures: SignatureRow[];
  verifiedByAuditor: boolean;
}

export function userIdentity(user: UserFacts, auditor: { userId: string; userSigningKey?: string }): UserIdentity {
  const cs = user.crossSigning;
  const keys: IdentityKeyRow[] = [];
  const roles = [
    ["master", cs.masterKey],
    ["self-signing", cs.selfSigningKey],
    ["user-signing", cs.userSigningKey],
  ] as const;
  for (const [role, value] of roles) if (value) keys.push({ role, value, grouped: groupFingerprint(value) });
  return {
    state: cs.state,
    ...(cs.problem ? { problem: cs.problem } : {}),
    keys,
    signatures: [
      { id: "cross-signing", label: "Self-signing key, signed by the master key", ...crossSigning(user) },
      { id: "auditor", label: "Master key, signed by the auditor's user-signing key", ...auditorSignature(user, auditor) },
    ],
    verifiedByAuditor: user.verifiedByAuditor,
  };
}

export interface UserDeviceRow {
  deviceId: string;
  displayName: string | null;
  trust: DeviceTrust | string;
  agentName: string | null;
  expected: boolean;
}

const TRUST_ORDER = ["bad-signature", "unsigned", "no-keys", "verified-by-owner"];
const trustRank = (t: string) => (TRUST_ORDER.includes(t) ? TRUST_ORDER.indexOf(t) : -1);

/** Worst verification first (an unknown word before all: it needs a look), then by device id. */
export function sortUserDevices<T extends UserDeviceRow>(devices: readonly T[]): T[] {
  return [...devices].sort((a, b) => trustRank(a.trust) - trustRank(b.trust) || a.deviceId.localeCompare(b.deviceId));
}

/** The agent a user belongs to: the registry's declaration naming it, else the agent its devices were matched to. */
export function agentOfUser(userId: string, agents: readonly AgentDecl[], devices: readonly UserDeviceRow[]): string | null {
  return agents.find((a) => a.matrixUserId === userId)?.name ?? devices.find((d) => d.agentName)?.agentName ?? null;
}

export interface UserRoomRow {
  roomId: string;
  name: string | null;
  encrypted: boolean;
  members: number;
}

/** The rooms the user is a joined member of, encrypted last (plaintext is what needs a look), at most `limit`. */
export function userRooms(userId: string, rooms: readonly RoomFacts[], limit = USER_ROOMS_SHOWN): { total: number; shown: UserRoomRow[] } {
  const mine = rooms.filter((r) => r.members.includes(userId));
  const shown = mine
    .map((r) => ({
      roomId: r.roomId,
      name: r.name ?? r.canonicalAlias ?? null,
      encrypted: r.encryption !== null,
      members: r.members.length,
    }))
    .sort((a, b) => Number(a.encrypted) - Number(b.encrypted) || (a.name ?? a.roomId).localeCompare(b.name ?? b.roomId))
    .slice(0, Math.max(0, limit));
  return { total: mine.length, shown };
}

/** One scan's record of the user (null: that scan did not list it). */
export interface UserSighting {
  snapshotId: string;
  takenAt: Date;
  status: "complete" | "partial";
  user: UserFacts | null;
}

export type IdentityEventKind = "first-seen" | "master-key-changed" | "cross-signing-changed" | "auditor-changed" | "gone" | "back";

export interface IdentityEvent {
  at: Date;
  snapshotId: string;
  kind: IdentityEventKind;
  text: string;
}

export interface IdentityHistory {
  firstSeen: Date | null;
  lastSeen: Date | null;
  seenIn: number;
  scansRead: number;
  /** How many different master keys the scans read saw: more than one means the identity was replaced. */
  masterKeys: number;
  /** Newest first. */
  events: IdentityEvent[];
}

const short = (key: string | undefined) => (key ? `${groupFingerprint(key).slice(0, 19)}…` : "none");

/**
 * The identity across scans, oldest to newest: a new master key (the identity was reset: every earlier verification
 * of it no longer applies), cross-signing state and auditor verification changes. As on the device page, a partial
 * scan's silence proves nothing; a complete scan that did not list the user records it as gone.
 */
export function identityHistory(sightings: readonly UserSighting[]): IdentityHistory {
  const oldestFirst = [...sightings].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const events: IdentityEvent[] = [];
  const masters = new Set<string>();
  let prev: UserFacts | null = null;
  let present = false;
  let seenIn = 0;
  let firstSeen: Date | null = null;
  let lastSeen: Date | null = null;
  for (const s of oldestFirst) {
    const ev = (kind: IdentityEventKind, text: string) => events.push({ at: s.takenAt, snapshotId: s.snapshotId, kind, text });
    const u = s.user;
    if (!u) {
      if (present && s.status === "complete") {
        ev("gone", "not listed by this complete scan");
        present = false;
      }
      continue;
    }
    seenIn++;
    lastSeen = s.takenAt;
    if (u.crossSigning.masterKey) masters.add(u.crossSigning.masterKey);
    if (!firstSeen) {
      firstSeen = s.takenAt;
      ev("first-seen", `first seen: cross-signing ${u.crossSigning.state}, master key ${short(u.crossSigning.masterKey)}`);
    } else if (!present) ev("back", "listed again");
    present = true;
    if (prev) {
      const was = prev.crossSigning;
      const now = u.crossSigning;
      if (was.masterKey !== now.masterKey)
        ev("master-key-changed", `master key changed: was ${short(was.masterKey)}, now ${short(now.masterKey)}`);
      if (was.state !== now.state) ev("cross-signing-changed", `cross-signing ${was.state} → ${now.state}`);
      if (prev.verifiedByAuditor !== u.verifiedByAuditor)
        ev("auditor-changed", u.verifiedByAuditor ? "verified by the auditor" : "no longer verified by the auditor");
    }
    prev = u;
  }
  return {
    firstSeen,
    lastSeen,
    seenIn,
    scansRead: sightings.length,
    masterKeys: masters.size,
    events: events.sort((a, b) => b.at.getTime() - a.at.getTime()),
  };
}
