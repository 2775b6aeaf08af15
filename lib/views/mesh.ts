import "server-only";
import { z } from "zod";
import { getDb, type Prisma } from "../db";
import type { CertStatus, EndpointStatus } from "../scan/mesh-rows";
import { UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import type { EndpointFacts } from "../snapshot/types";

const DAY = 24 * 3600e3;
const StoredVerdicts = z.array(z.object({ check: z.string(), status: z.enum(["pass", "fail", "unknown"]), detail: z.string() }));
/** Worst first, so the list opens on what needs fixing. */
const STATUS_ORDER: readonly EndpointStatus[] = ["fail", "unreachable", "warn", "unknown", "ok"];
export const ENDPOINT_STATUSES = STATUS_ORDER;

export interface MeshFilters {
  status?: EndpointStatus;
  /** Leaf certificate expires within 24 h (or already has). */
  expiringSoon?: boolean;
  /** Text search: endpoint (host:port), agent name, expected identity, or a certificate's fingerprint, subject or source. */
  q?: string;
}

/** Reads filters from the URL; unknown values are ignored rather than trusted. */
export function parseMeshFilters(sp: Record<string, string | string[] | undefined>): MeshFilters {
  const status =
    typeof sp.status === "string" && (STATUS_ORDER as readonly string[]).includes(sp.status) ? (sp.status as EndpointStatus) : undefined;
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 200) : "";
  return { status, expiringSoon: sp.expires === "24h", ...(q ? { q } : {}) };
}

/** A fingerprint as people paste it ("AB:CD:…", grouped, upper case) in the stored form: lowercase hex, no separators. */
const asFingerprint = (q: string) => q.replace(/[\s:]/g, "").toLowerCase();

/** What a search keeps: endpoints by host, agent, identity or leaf fingerprint; certificates by fingerprint, subject, source or SPIFFE id. */
function meshSearch(q: string | undefined): { endpoint: Prisma.EndpointRowWhereInput; certificate: Prisma.CertificateRowWhereInput } {
  if (!q) return { endpoint: {}, certificate: {} };
  const contains = { contains: q, mode: "insensitive" as const };
  const fp = asFingerprint(q);
  const byFp = /^[0-9a-f]{4,}$/.test(fp) ? { startsWith: fp } : null;
  return {
    endpoint: {
      OR: [{ endpoint: contains }, { agent: contains }, { expectedIdentity: contains }, ...(byFp ? [{ leafFingerprint: byFp }] : [])],
    },
    certificate: {
      OR: [{ subject: contains }, { source: contains }, { spiffeId: contains }, ...(byFp ? [{ fingerprint: byFp }] : [])],
    },
  };
}

/** The newest snapshot that has data (a failed scan is kept as evidence but has nothing to show). */
export async function latestMeshSnapshot() {
  return getDb().snapshot.findFirst({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { takenAt: "desc" },
    select: { id: true, takenAt: true, status: true, scanId: true },
  });
}

/** Everything the Mesh page shows for one snapshot: filtered endpoints, all certificates, and the headline counts. */
export async function getMeshOverview(filters: MeshFilters, now = new Date()) {
  const snap = await latestMeshSnapshot();
  if (!snap) return null;
  const db = getDb();
  const soon = new Date(now.getTime() + DAY);
  const search = meshSearch(filters.q);
  const [endpoints, certificates, totalEndpoints, noMtls, plainHttp, legacyTls, unreachable] = await Promise.all([
    db.endpointRow.findMany({
      where: {
        snapshotId: snap.id,
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.expiringSoon ? { notAfter: { lt: soon } } : {}),
        ...search.endpoint,
      },
      orderBy: { endpoint: "asc" },
      take: 1000, // a mesh of agents, not the internet; the page says so if it is cut
    }),
    db.certificateRow.findMany({ where: { snapshotId: snap.id, ...search.certificate }, orderBy: { notAfter: "asc" } }),
    db.endpointRow.count({ where: { snapshotId: snap.id } }),
    db.endpointRow.count({ where: { snapshotId: snap.id, clientCertRequired: false } }),
    db.endpointRow.count({ where: { snapshotId: snap.id, plainHttp: true } }),
    db.endpointRow.count({ where: { snapshotId: snap.id, acceptsLegacyTls: true } }),
    db.endpointRow.count({ where: { snapshotId: snap.id, status: "unreachable" } }),
  ]);
  endpoints.sort((a, b) => STATUS_ORDER.indexOf(a.status as EndpointStatus) - STATUS_ORDER.indexOf(b.status as EndpointStatus));

  // One entry per certificate: the CA or a shared cert may appear under several sources.
  const byFingerprint = new Map<string, (typeof certificates)[number] & { sources: string[] }>();
  for (const c of certificates) {
    const seen = byFingerprint.get(c.fingerprint);
    if (seen) seen.sources.push(c.source);
    else byFingerprint.set(c.fingerprint, { ...c, sources: [c.source] });
  }
  const uniqueCerts = [...byFingerprint.values()];
  const t = now.getTime();
  const counts = {
    endpoints: totalEndpoints,
    noMtls,
    plainHttp,
    legacyTls,
    unreachable,
    expired: uniqueCerts.filter((c) => c.notAfter.getTime() <= t).length,
    expiringSoon: uniqueCerts.filter((c) => c.notAfter.getTime() > t && c.notAfter < soon).length,
    expiring: uniqueCerts.filter((c) => c.status === "expiring").length,
    untrusted: uniqueCerts.filter((c) => c.status === "untrusted").length,
  };
  return {
    snapshot: snap,
    endpoints,
    truncated: endpoints.length === 1000,
    certificates: uniqueCerts.map((c) => ({ ...c, status: c.status as CertStatus })),
    files: certificates.filter((c) => c.source.startsWith("file:")),
    counts,
  };
}
export type MeshOverview = NonNullable<Awaited<ReturnType<typeof getMeshOverview>>>;

/** One endpoint as the latest snapshot saw it, with its row and every finding ever recorded on it. */
export async function getEndpointDetail(endpoint: string) {
  const snap = await latestMeshSnapshot();
  if (!snap) return null;
  const db = getDb();
  const [row, full, findings] = await Promise.all([
    db.endpointRow.findUnique({ where: { snapshotId_endpoint: { snapshotId: snap.id, endpoint } } }),
    readStoredSnapshot(db, snap.id), // read once per snapshot, not per view (lib/snapshot/stored-snapshot.ts)
    db.finding.findMany({
      where: { subjectType: "endpoint", subjectId: endpoint },
      orderBy: [{ status: "asc" }, { severity: "asc" }, { lastSeenAt: "desc" }],
      select: { id: true, check: true, severity: true, status: true, detail: true, firstSeenAt: true, lastSeenAt: true },
    }),
  ]);
  if (!row || !full) return null;
  const data = full;
  // Rows stored before verdicts existed (or damaged ones) read as "no verdicts", never as passes.
  const verdicts = StoredVerdicts.catch([]).parse(row.verdicts);
  // The row alone still says what was enforced; the probes and chain come from the snapshot, which says why it cannot.
  if (data instanceof UnreadableSnapshotError) {
    return { snapshot: snap, row, facts: null, unreadable: data.message, findings, verdicts, conformance: null };
  }
  const facts: EndpointFacts | undefined = data.mesh?.endpoints.find((e) => e.endpoint === endpoint);
  if (!facts) return null;
  // Active probes (issue #18) sent to this endpoint, when its agent declared any.
  const conformance = data.mesh?.conformance?.find((c) => c.endpoint === endpoint) ?? null;
  return { snapshot: snap, row, facts, unreadable: null, findings, verdicts, conformance };
}
