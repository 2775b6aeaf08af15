import "server-only";
import { getDb } from "../db";
import { postureHistory } from "../posture/history";
import { getLatestSnapshot } from "./latest-snapshot";
import { getLatestScan } from "./setup-status";

const countOpen = (check: string) => getDb().finding.count({ where: { status: "open", check } });

/** The numbers behind the overview's one line per channel. */
export async function getChannelSummary() {
  const snapshot = await getLatestSnapshot();
  const db = getDb();
  const [plaintextAgentRooms, unverifiedAgentDevices, noMtls, expiring, expired] = await Promise.all([
    snapshot ? db.roomRow.count({ where: { snapshotId: snapshot.id, encrypted: false, agentCount: { gt: 0 } } }) : 0,
    snapshot
      ? db.deviceRow.count({ where: { snapshotId: snapshot.id, agentName: { not: null }, trust: { not: "verified-by-owner" } } })
      : 0,
    countOpen("MESH-MTLS-NOT-ENFORCED"),
    countOpen("MESH-CERT-EXPIRING"),
    countOpen("MESH-CERT-EXPIRED"),
  ]);
  return { snapshot, plaintextAgentRooms, unverifiedAgentDevices, noMtls, expiring, expired };
}

/** Open findings per severity (every level present, zero included) and the newest critical/high ones. */
export async function getOpenFindingsSummary() {
  const db = getDb();
  const [groups, newest] = await Promise.all([
    db.finding.groupBy({ by: ["severity"], where: { status: "open" }, _count: { _all: true } }),
    db.finding.findMany({
      where: { status: "open", severity: { in: ["critical", "high"] } },
      orderBy: [{ firstSeenAt: "desc" }, { severity: "asc" }],
      take: 6,
      omit: { evidence: true },
    }),
  ]);
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const g of groups) bySeverity[g.severity] = g._count._all;
  return { bySeverity, newest };
}

/** The latest scan (running or not) and findings per finished scan, oldest first, for the trend. */
export async function getScanHistory(limit = 20) {
  const db = getDb();
  const [latest, finished] = await Promise.all([
    getLatestScan(),
    db.scan.findMany({
      where: { status: { in: ["complete", "partial"] } },
      orderBy: { startedAt: "desc" },
      take: limit,
      select: { id: true, startedAt: true, counts: true, status: true },
    }),
  ]);
  const trend = finished.reverse().map((s) => {
    const findings = (s.counts as { findings?: unknown } | null)?.findings;
    return { id: s.id, at: s.startedAt.toISOString(), findings: typeof findings === "number" ? findings : 0 };
  });
  return { latest, trend };
}

/** The posture score of the last `scans` complete or partial scans, oldest first, for the overview's chart. */
export function getPostureHistory(scans: number) {
  return postureHistory(getDb(), scans);
}
