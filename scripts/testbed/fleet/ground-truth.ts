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
  for (const r of deriveBotResults()) if (r.status === "fail") out.push({ check: r.check, subject: r.subject, note: r.note });
  return out;
}

export const BOT_CHECKS = ["HS-BOT-ENCRYPTION-CONFIG", "HS-BOT-VERIFICATION-LEVELS", "HS-BOT-CRYPTO-INACTIVE"] as const;

export interface BotResult extends GroundTruthEntry {
  check: (typeof BOT_CHECKS)[number];
  status: "pass" | "fail";
}

/**
 * Every HS-BOT-* result a correct Vigil gives the fleet, pass or fail (never unknown): each mautrix agent is declared
 * with the config.yaml it runs from (pyagents/fleet-agents.ts), written with STRICT_ENCRYPTION for its primary device
 * (allow, default and require on, cross-signed-tofu for all three levels: exactly the default policy's minimum), so
 * its settings pass; its device passes HS-BOT-CRYPTO-INACTIVE when mautrix cross-signed it (the plan's crossSigning),
 * else fails (a mautrix bot with encryption on that never cross-signed is what the check exists for).
 */
export function deriveBotResults(): BotResult[] {
  return AGENTS.filter((a) => a.client === "mautrix").flatMap((a): BotResult[] => {
    const subject = { type: "agent" as const, id: a.name };
    const config = "strict config.yaml (pyagents/bot-config.ts STRICT_ENCRYPTION)";
    const signed = a.crossSigning && a.devices[0]?.kind === "primary";
    return [
      { check: "HS-BOT-ENCRYPTION-CONFIG", subject, status: "pass", note: config },
      { check: "HS-BOT-VERIFICATION-LEVELS", subject, status: "pass", note: config },
      {
        check: "HS-BOT-CRYPTO-INACTIVE",
        subject,
        status: signed ? "pass" : "fail",
        note: signed ? `${a.devices[0]?.id} has keys and is cross-signed by mautrix` : "planned without cross-signing",
      },
    ];
  });
}
