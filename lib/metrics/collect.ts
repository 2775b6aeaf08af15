/**
 * Vigil's state as Prometheus series, named after blackbox_exporter (probe_*)
 * and x509-certificate-exporter (x509_cert_*) so existing dashboards and
 * alert rules carry over with a prefix. Everything comes from the latest
 * snapshot that was not a failure, plus the findings and scans tables.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { postureHistory } from "../posture/history";
import { UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import type { MetricFamily, Sample } from "./exposition";

const Cert = z.object({ subject: z.string(), issuer: z.string(), serialNumber: z.string().default(""), notAfter: z.string() });
const MeshData = z
  .object({
    endpoints: z.array(z.object({ endpoint: z.string(), reachable: z.boolean(), chain: z.array(Cert).default([]) })).default([]),
    certificates: z.array(Cert.extend({ source: z.object({ kind: z.string(), path: z.string().optional() }).optional() })).default([]),
  })
  .nullable()
  .catch(null);

/** The CN out of an X.509 name as Node prints it ("CN=a\nO=b" or "CN=a, O=b"). */
export const commonName = (dn: string): string => /(?:^|[\n,/]\s*)CN=([^\n,/]+)/.exec(dn)?.[1]?.trim() ?? "";

const seconds = (d: Date) => d.getTime() / 1000;

/**
 * The mesh part of a snapshot. From the snapshot read once per id (lib/snapshot/stored-snapshot.ts): `data->'mesh'`
 * made PostgreSQL detoast the whole multi-megabyte value on every scrape (bench/load). A snapshot the schema refuses is
 * still read leniently, straight from the database, as before: its certificates keep their series.
 */
async function meshOf(db: PrismaClient, snapshotId: string): Promise<unknown> {
  const stored = await readStoredSnapshot(db, snapshotId);
  if (stored && !(stored instanceof UnreadableSnapshotError)) return stored.mesh ?? null;
  const rows = await db.$queryRaw<{ mesh: unknown }[]>`SELECT data->'mesh' AS mesh FROM "Snapshot" WHERE id = ${snapshotId}`;
  return rows[0]?.mesh ?? null;
}

/**
 * What one snapshot's rows say, counted once: rows are written with their snapshot and never change, and grouping
 * 10,000 rooms on every scrape held the database each time (bench/load). The last few snapshots are kept.
 */
const snapshotCounts = memoLast(4, async (db: PrismaClient, sid: string) => {
  const [roomGroups, plaintext, deviceGroups, endpoints, noAgentRooms] = await Promise.all([
    db.roomRow.groupBy({ by: ["encrypted"], where: { snapshotId: sid, agentCount: { gt: 0 } }, _count: { _all: true } }),
    db.roomRow.count({ where: { snapshotId: sid, encrypted: false, agentCount: { gt: 0 } } }),
    db.deviceRow.groupBy({ by: ["trust"], where: { snapshotId: sid }, _count: { _all: true } }),
    db.endpointRow.findMany({ where: { snapshotId: sid }, select: { endpoint: true, reachable: true }, orderBy: { endpoint: "asc" } }),
    db.roomRow.groupBy({ by: ["encrypted"], where: { snapshotId: sid, agentCount: 0 }, _count: { _all: true } }),
  ]);
  return { roomGroups, plaintext, deviceGroups, endpoints, noAgentRooms };
});

/** An async function of (db, key) whose answers for the last `size` keys are kept; a failure is not. */
function memoLast<T>(size: number, compute: (db: PrismaClient, key: string) => Promise<T>) {
  const kept = new Map<string, Promise<T>>();
  return (db: PrismaClient, key: string): Promise<T> => {
    const hit = kept.get(key);
    if (hit) return hit;
    const value = compute(db, key);
    kept.set(key, value);
    if (kept.size > size) kept.delete(kept.keys().next().value ?? "");
    value.catch(() => kept.get(key) === value && kept.delete(key));
    return value;
  };
}

/** Every series /api/metrics exposes, computed now. */
export async function collectMetrics(db: PrismaClient, now: Date = new Date()): Promise<MetricFamily[]> {
  const snap = await db.snapshot.findFirst({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { takenAt: "desc" },
    select: { id: true },
  });
  const sid = snap?.id ?? "-";
  const [counts, findings, meshData, lastScan, lastSuccess, posture] = await Promise.all([
    snapshotCounts(db, sid),
    db.finding.groupBy({ by: ["check", "severity"], where: { status: "open" }, _count: { _all: true } }),
    meshOf(db, sid),
    db.scan.findFirst({ where: { status: { in: ["complete", "partial"] }, finishedAt: { not: null } }, orderBy: { finishedAt: "desc" } }),
    db.scan.findFirst({ where: { status: "complete", finishedAt: { not: null } }, orderBy: { finishedAt: "desc" } }),
    postureHistory(db, 1),
  ]);
  const { roomGroups, plaintext, deviceGroups, endpoints, noAgentRooms } = counts;

  const rooms: Sample[] = [];
  for (const [withAgents, groups] of [
    ["true", roomGroups],
    ["false", noAgentRooms],
  ] as const) {
    for (const encrypted of [true, false]) {
      rooms.push({
        labels: { encrypted: String(encrypted), with_agents: withAgents },
        value: groups.find((g) => g.encrypted === encrypted)?._count._all ?? 0,
      });
    }
  }

  const certs: { labels: Record<string, string>; notAfter: Date }[] = [];
  const mesh = MeshData.parse(meshData);
  for (const e of mesh?.endpoints ?? []) {
    const leaf = e.chain[0];
    if (leaf) certs.push({ labels: certLabels(leaf, { endpoint: e.endpoint, filepath: "" }), notAfter: new Date(leaf.notAfter) });
  }
  for (const c of mesh?.certificates ?? []) {
    certs.push({ labels: certLabels(c, { endpoint: "", filepath: c.source?.path ?? "" }), notAfter: new Date(c.notAfter) });
  }
  const score = posture[0];
  const durationMs = z.object({ durationMs: z.number() }).safeParse(lastScan?.counts).data?.durationMs;

  return [
    {
      name: "vigil_matrix_rooms",
      type: "gauge",
      help: "Rooms in the latest snapshot, by encryption and whether an agent is a member.",
      samples: rooms,
    },
    {
      name: "vigil_matrix_plaintext_rooms",
      type: "gauge",
      help: "Rooms with agent members and no m.room.encryption, in the latest snapshot.",
      samples: snap ? [{ value: plaintext }] : [],
    },
    {
      name: "vigil_matrix_devices",
      type: "gauge",
      help: "Devices in the latest snapshot by cross-signing trust.",
      samples: deviceGroups
        .sort((a, b) => a.trust.localeCompare(b.trust))
        .map((g) => ({ labels: { trust: g.trust }, value: g._count._all })),
    },
    {
      name: "vigil_findings_open",
      type: "gauge",
      help: "Open findings (accepted and resolved excluded) by check and severity.",
      samples: findings
        .sort((a, b) => a.check.localeCompare(b.check) || a.severity.localeCompare(b.severity))
        .map((g) => ({ labels: { check: g.check, severity: g.severity }, value: g._count._all })),
    },
    {
      name: "vigil_probe_success",
      type: "gauge",
      help: "Whether the mesh endpoint answered a TLS handshake with the auditor certificate (1) or not (0).",
      samples: endpoints.map((e) => ({ labels: { endpoint: e.endpoint }, value: e.reachable ? 1 : 0 })),
    },
    {
      name: "vigil_x509_cert_not_after",
      type: "gauge",
      help: "Certificate expiry as a Unix timestamp, for endpoint leaves and tracked files.",
      samples: certs.map((c) => ({ labels: c.labels, value: seconds(c.notAfter) })),
    },
    {
      name: "vigil_x509_cert_expires_in_seconds",
      type: "gauge",
      help: "Seconds until the certificate expires; negative once expired.",
      samples: certs.map((c) => ({ labels: c.labels, value: Math.round(seconds(c.notAfter) - seconds(now)) })),
    },
    {
      name: "vigil_scan_duration_seconds",
      type: "gauge",
      help: "How long the latest finished scan took.",
      samples: durationMs !== undefined ? [{ value: durationMs / 1000 }] : [],
    },
    {
      name: "vigil_scan_last_success_timestamp_seconds",
      type: "gauge",
      help: "When the latest complete scan finished, as a Unix timestamp.",
      samples: lastSuccess?.finishedAt ? [{ value: seconds(lastSuccess.finishedAt) }] : [],
    },
    {
      name: "vigil_posture_score",
      type: "gauge",
      help: "Posture score 0-100 of the latest finished scan: 100 minus severity penalties of its open findings, capped by the worst.",
      samples: score
        ? [...Object.entries(score.areas).sort(([a], [b]) => a.localeCompare(b)), ["overall", score.overall] as const].flatMap(
            ([area, v]) => (v === null || v === undefined ? [] : [{ labels: { area }, value: v }]),
          )
        : [],
    },
  ];
}

function certLabels(c: z.infer<typeof Cert>, where: { endpoint: string; filepath: string }): Record<string, string> {
  return { ...where, subject_CN: commonName(c.subject), issuer_CN: commonName(c.issuer), serial_number: c.serialNumber };
}
