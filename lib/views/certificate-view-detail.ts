import "server-only";
import { getDb } from "../db";
import type { CertStatus } from "../scan/mesh-rows";
import { UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import {
  certificateSightings,
  groupSans,
  isLeafCertificateCheck,
  leafEndpoints,
  normalizeFingerprint,
  trustVerdict,
  type CertificateHistory,
} from "./certificate-view";
import { latestMeshSnapshot } from "./mesh";

interface HistoryRow {
  first: Date | string | null;
  last: Date | string | null;
  scans: bigint | number;
}

/** First and last stored scan that held the certificate, from the indexed rows (no snapshot is walked). */
async function certificateHistory(fingerprint: string): Promise<CertificateHistory> {
  const rows = await getDb().$queryRaw<HistoryRow[]>`
    SELECT min(s."takenAt") AS first, max(s."takenAt") AS last, count(DISTINCT s.id) AS scans
    FROM "CertificateRow" c JOIN "Snapshot" s ON s.id = c."snapshotId"
    WHERE c.fingerprint = ${fingerprint}`;
  const r = rows[0];
  return {
    firstSeen: r?.first ? new Date(r.first) : null,
    lastSeen: r?.last ? new Date(r.last) : null,
    scans: Number(r?.scans ?? 0),
  };
}

/**
 * The certificate page: its facts and sightings in the latest scan with data, the row status the scan stored for it
 * (expired / untrusted / expiring / valid), its findings (its own, and the certificate checks of the endpoints serving it as
 * their leaf) and its first and last sighting. null when no scan has data or
 * nothing about the fingerprint is known at all.
 */
export async function getCertificateDetail(rawFingerprint: string) {
  const fingerprint = normalizeFingerprint(rawFingerprint);
  if (!/^[0-9a-f]{16,128}$/.test(fingerprint)) return null;
  const snapshot = await latestMeshSnapshot();
  if (!snapshot) return null;
  const db = getDb();
  const stored = await readStoredSnapshot(db, snapshot.id);
  const unreadable = stored instanceof UnreadableSnapshotError ? stored.message : null;
  const sightings = stored && !(stored instanceof UnreadableSnapshotError) ? certificateSightings(fingerprint, stored.mesh) : [];
  // An endpoint's certificate findings (expired, untrusted…) are recorded on the endpoint that serves it as its leaf.
  const leaves = leafEndpoints(sightings);
  const [rows, allFindings, history] = await Promise.all([
    db.certificateRow.findMany({ where: { snapshotId: snapshot.id, fingerprint }, select: { source: true, status: true } }),
    db.finding.findMany({
      where: {
        OR: [
          { subjectType: "certificate", subjectId: fingerprint },
          ...(leaves.length > 0 ? [{ subjectType: "endpoint", subjectId: { in: leaves } }] : []),
        ],
      },
      orderBy: [{ status: "asc" }, { severity: "asc" }, { lastSeenAt: "desc" }],
      select: { id: true, check: true, severity: true, status: true, detail: true, lastSeenAt: true, subjectType: true },
      take: 200,
    }),
    certificateHistory(fingerprint),
  ]);
  const findings = allFindings.filter((f) => f.subjectType === "certificate" || isLeafCertificateCheck(f.check));
  if (sightings.length === 0 && rows.length === 0 && findings.length === 0 && history.scans === 0) return null;
  const facts = sightings[0]?.facts ?? null;
  // The stored status was judged with the policy's expiry window; the worst over its sources stands for the certificate.
  const order: CertStatus[] = ["expired", "untrusted", "expiring", "valid"];
  const statuses = rows.map((r) => r.status).filter((s): s is CertStatus => (order as string[]).includes(s));
  const status = order.find((s) => statuses.includes(s)) ?? null;
  return {
    snapshot,
    fingerprint,
    facts,
    sans: facts ? groupSans(facts.sans) : null,
    sightings,
    trust: trustVerdict(sightings),
    status,
    open: findings.filter((f) => f.status === "open"),
    past: findings.filter((f) => f.status !== "open"),
    history,
    unreadable,
  };
}
export type CertificateDetail = NonNullable<Awaited<ReturnType<typeof getCertificateDetail>>>;
