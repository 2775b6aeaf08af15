/**
 * The findings a correct Vigil must report for the seeded fleet — derived
 * from the plan, not hand-written, so changing a fault changes the truth.
 * Subject ids follow lib/rules/types.ts: room id, user id, "user|device", agent name.
 */
import type { SubjectType } from "../../../lib/rules/types";
import { AGENTS, ROOMS, OUTSIDER } from "./plan";

export interface GroundTruthEntry {
  check: string;
  subject: { type: SubjectType; id: string };
  /** Why it is expected; "derived" ones follow from another fault on the same subject. */
  note?: string;
}

export interface SeededIds {
  serverName: string;
  auditorUserId: string;
  /** agent name → Matrix user id */
  agentUserIds: Record<string, string>;
  /** room key → room id */
  roomIds: Record<string, string>;
}

export function deriveGroundTruth(ids: SeededIds): GroundTruthEntry[] {
  const out: GroundTruthEntry[] = [];
  const uid = (name: string) => ids.agentUserIds[name]!;
  const dev = (name: string, d: string) => ({ type: "device" as const, id: `${uid(name)}|${d}` });

  for (const r of ROOMS) {
    for (const check of r.expect) {
      const note =
        check === "MX-ROOM-UNLISTED-MEMBER" ? `member @${OUTSIDER.localpart}:${ids.serverName} is neither agent nor allowed` : r.name;
      out.push({ check, subject: { type: "room", id: ids.roomIds[r.key]! }, note });
    }
  }

  for (const a of AGENTS) {
    if (!a.crossSigning) {
      out.push({ check: "MX-USER-NO-CROSS-SIGNING", subject: { type: "user", id: uid(a.name) } });
    }
    for (const d of a.devices) {
      if (d.kind === "bare") out.push({ check: "MX-DEVICE-NO-KEYS", subject: dev(a.name, d.id) });
      else if (d.kind === "unsigned") out.push({ check: "MX-DEVICE-UNSIGNED", subject: dev(a.name, d.id) });
      else if (!a.crossSigning) {
        out.push({
          check: "MX-DEVICE-UNSIGNED",
          subject: dev(a.name, d.id),
          note: "derived: owner has no self-signing key, so nothing can have signed this device",
        });
      }
      if (d.stale) out.push({ check: "MX-DEVICE-STALE", subject: dev(a.name, d.id), note: "last_seen backdated 90 days" });
      if (!d.declared) out.push({ check: "MX-DEVICE-UNEXPECTED", subject: dev(a.name, d.id) });
    }
    // The auditor has signed nobody yet: every agent is unverified.
    out.push({ check: "MX-USER-UNVERIFIED", subject: { type: "user", id: uid(a.name) } });
    for (const s of a.siblings) {
      const other = AGENTS.find((x) => x.name === s)!;
      if (!other.siblings.includes(a.name)) {
        out.push({
          check: "MX-SIBLINGS-ASYMMETRIC",
          subject: { type: "agent", id: other.name },
          note: `${a.name} lists ${other.name} as sibling; ${other.name} does not list ${a.name}`,
        });
      }
    }
  }

  // Vigil holds only the auditor's token; the auditor has no key backup.
  out.push({ check: "MX-BACKUP-MISSING", subject: { type: "user", id: ids.auditorUserId } });
  return out;
}
