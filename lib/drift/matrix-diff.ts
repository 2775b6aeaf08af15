import type { Registry } from "../registry/types";
import type { DeviceFacts, MatrixSnapshot, RoomFacts } from "../snapshot/types";
import type { Change } from "./types";

const HISTORY_ORDER = ["joined", "invited", "shared", "world_readable"];
const encLabel = (r: RoomFacts): string | null =>
  r.encryption
    ? [
        r.encryption.algorithm,
        r.encryption.rotationPeriodMs !== undefined ? `${r.encryption.rotationPeriodMs} ms` : "",
        r.encryption.rotationPeriodMsgs !== undefined ? `${r.encryption.rotationPeriodMsgs} msgs` : "",
      ]
        .filter(Boolean)
        .join(", ")
    : null;
const roomSubject = (r: RoomFacts) => ({
  type: "room" as const,
  id: r.roomId,
  ...((r.name ?? r.canonicalAlias) ? { label: r.name ?? r.canonicalAlias } : {}),
});
const deviceKey = (d: DeviceFacts) => `${d.userId}|${d.deviceId}`;

/** Room, membership, device and identity changes between two Matrix snapshots. */
export function diffMatrix(before: MatrixSnapshot, after: MatrixSnapshot, registry: Registry | undefined): Change[] {
  const out: Change[] = [];
  const agents = new Set((registry?.agents ?? []).flatMap((a) => (a.matrixUserId ? [a.matrixUserId] : [])));
  // Without a registry every room counts as an agent room: better a noisy diff than a silent one.
  const isAgentRoom = (r: RoomFacts | undefined) => r !== undefined && (agents.size === 0 || r.members.some((m) => agents.has(m)));
  const beforeRooms = new Map(before.rooms.map((r) => [r.roomId, r]));
  const afterRooms = new Map(after.rooms.map((r) => [r.roomId, r]));

  for (const r of after.rooms) {
    const b = beforeRooms.get(r.roomId);
    const s = roomSubject(r);
    if (!b) {
      out.push({
        kind: "room-added",
        subject: s,
        before: null,
        after: encLabel(r) ?? "plaintext",
        severity: r.encryption ? "info" : "critical",
        detail: r.encryption ? "New encrypted room" : "New room without encryption",
      });
      continue;
    }
    if (encLabel(b) !== encLabel(r)) {
      const missing = b.encryption && !r.encryption;
      out.push({
        kind: "room-encryption",
        subject: s,
        before: encLabel(b) ?? "plaintext",
        after: encLabel(r) ?? "plaintext",
        severity: missing ? "critical" : !b.encryption ? "info" : "high",
        // Encryption cannot be turned off in Matrix: a missing state event means state was lost or the read was wrong.
        detail: missing
          ? "Encryption state missing (encryption cannot be disabled: investigate)"
          : !b.encryption
            ? "Encryption enabled"
            : "Encryption settings changed",
      });
    }
    if ((b.joinRule ?? null) !== (r.joinRule ?? null))
      out.push({
        kind: "room-join-rule",
        subject: s,
        before: b.joinRule ?? null,
        after: r.joinRule ?? null,
        severity: r.joinRule === "public" ? "high" : "medium",
        detail: "Join rule changed",
      });
    if ((b.historyVisibility ?? null) !== (r.historyVisibility ?? null)) {
      const weaker = HISTORY_ORDER.indexOf(r.historyVisibility ?? "") > HISTORY_ORDER.indexOf(b.historyVisibility ?? "");
      out.push({
        kind: "room-history",
        subject: s,
        before: b.historyVisibility ?? null,
        after: r.historyVisibility ?? null,
        severity: weaker ? "high" : "low",
        detail: weaker ? "History visibility widened" : "History visibility changed",
      });
    }
    if ((b.guestAccess ?? null) !== (r.guestAccess ?? null))
      out.push({
        kind: "room-guests",
        subject: s,
        before: b.guestAccess ?? null,
        after: r.guestAccess ?? null,
        severity: r.guestAccess === "can_join" ? "high" : "low",
        detail: "Guest access changed",
      });
    if (isAgentRoom(b) || isAgentRoom(r)) {
      const was = new Set(b.members);
      const is = new Set(r.members);
      for (const m of r.members.filter((m) => !was.has(m)))
        out.push({
          kind: "member-added",
          subject: s,
          before: null,
          after: m,
          severity: agents.has(m) ? "low" : "high",
          detail: `${m} joined`,
        });
      for (const m of b.members.filter((m) => !is.has(m)))
        out.push({ kind: "member-removed", subject: s, before: m, after: null, severity: "low", detail: `${m} left` });
    }
  }
  for (const b of before.rooms) {
    if (!afterRooms.has(b.roomId))
      out.push({
        kind: "room-removed",
        subject: roomSubject(b),
        before: encLabel(b) ?? "plaintext",
        after: null,
        severity: "low",
        detail: "Room no longer seen",
      });
  }

  const beforeDevices = new Map(before.devices.map((d) => [deviceKey(d), d]));
  const afterDevices = new Map(after.devices.map((d) => [deviceKey(d), d]));
  for (const d of after.devices) {
    const subject = { type: "device" as const, id: deviceKey(d), ...(d.displayName ? { label: d.displayName } : {}) };
    const b = beforeDevices.get(deviceKey(d));
    if (!b)
      out.push({
        kind: "device-added",
        subject,
        before: null,
        after: d.trust,
        severity: agents.has(d.userId) ? "high" : "medium",
        detail: `New device ${d.deviceId} of ${d.userId}`,
      });
    else if (b.trust !== d.trust)
      out.push({
        kind: "device-trust",
        subject,
        before: b.trust,
        after: d.trust,
        severity: d.trust === "verified-by-owner" ? "info" : "high",
        detail: d.trust === "verified-by-owner" ? "Device is now signed by its owner" : "Device lost its owner's signature",
      });
  }
  for (const b of before.devices) {
    if (!afterDevices.has(deviceKey(b)))
      out.push({
        kind: "device-removed",
        subject: { type: "device", id: deviceKey(b) },
        before: b.trust,
        after: null,
        severity: "low",
        detail: `Device ${b.deviceId} of ${b.userId} removed`,
      });
  }

  const beforeKeys = new Map(before.users.map((u) => [u.userId, u.crossSigning.masterKey]));
  for (const u of after.users) {
    if (!beforeKeys.has(u.userId)) continue;
    const was = beforeKeys.get(u.userId);
    const is = u.crossSigning.masterKey;
    if (was !== is)
      out.push({
        kind: "identity-changed",
        subject: { type: "user", id: u.userId, ...(u.displayName ? { label: u.displayName } : {}) },
        before: was ?? null,
        after: is ?? null,
        severity: agents.has(u.userId) || agents.size === 0 ? "critical" : "high",
        detail: !was ? "Cross-signing set up" : !is ? "Master key removed (identity reset)" : "Master key changed",
      });
  }
  return out;
}
