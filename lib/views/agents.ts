import "server-only";
import { getDb } from "../db";
import type { AgentDecl } from "../registry/types";
import { readSnapshot, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import type { CrossSigningState, DeviceTrust } from "../snapshot/types";
import { agentSubjectPatterns } from "./finding-filters";
import { latestMeshSnapshot } from "./mesh";

/** Devices named on an agent's row; the rest are one click away on the Devices list. */
const LISTED_DEVICES = 6;
/**
 * Undeclared accounts listed on the page: a homeserver of people has thousands, and rendering them all made the
 * page the slowest in the app (bench/load); the count is given and the Devices list has every account.
 */
const LISTED_UNDECLARED_USERS = 100;

export interface AgentView {
  decl: AgentDecl;
  matrix: {
    userId: string;
    seen: boolean;
    crossSigning: CrossSigningState | null;
    verifiedByAuditor: boolean | null;
    devices: {
      total: number;
      byTrust: Partial<Record<DeviceTrust, number>>;
      undeclared: number;
      /** The first few, each linked to its page from the row. */
      list: { deviceId: string; trust: DeviceTrust; declared: boolean }[];
    };
    rooms: number;
  } | null;
  mesh: { endpoint: string; status: string | null; spiffeId: string | null; notAfter: Date | null } | null;
  openFindings: number;
}

/**
 * One row per declared agent, across Matrix and the mesh, from the newest
 * snapshot with data and the registry that scan was judged against. Users and
 * endpoints the snapshot saw but no agent declares are returned as undeclared.
 */
export async function getAgentsOverview() {
  const snap = await latestMeshSnapshot();
  if (!snap) return null;
  const db = getDb();
  const [stored, endpointRows, findings] = await Promise.all([
    readStoredSnapshot(db, snap.id),
    db.endpointRow.findMany({
      where: { snapshotId: snap.id },
      select: { endpoint: true, status: true, notAfter: true, agent: true, expectedIdentity: true },
    }),
    db.finding.findMany({ where: { status: "open" }, select: { subjectType: true, subjectId: true } }),
  ]);
  const data = stored ?? readSnapshot(undefined, snap.id);
  // The rows below would read a damaged snapshot's missing agents as "none declared": say so instead.
  if (data instanceof UnreadableSnapshotError) return { snapshot: snap, unreadable: data.message } as const;
  const agents = data.registry?.agents ?? [];
  const users = new Map((data.matrix?.users ?? []).map((u) => [u.userId, u]));
  const devices = data.matrix?.devices ?? [];
  const endpoints = new Map(endpointRows.map((e) => [e.endpoint, e]));
  // Counted once, not per agent: at 10,000 rooms and thousands of devices and findings the per-agent scans dominated.
  const devicesOf = new Map<string, typeof devices>();
  for (const d of devices) {
    const list = devicesOf.get(d.userId);
    if (list) list.push(d);
    else devicesOf.set(d.userId, [d]);
  }
  const subjectKey = (type: string, id: string) => `${type}\0${id}`;
  const findingsBySubject = new Map<string, number>();
  for (const f of findings)
    findingsBySubject.set(subjectKey(f.subjectType, f.subjectId), (findingsBySubject.get(subjectKey(f.subjectType, f.subjectId)) ?? 0) + 1);
  const deviceFindings = findings.filter((f) => f.subjectType === "device");
  const roomsOf = new Map<string, number>();
  for (const r of data.matrix?.rooms ?? []) for (const m of new Set(r.members)) roomsOf.set(m, (roomsOf.get(m) ?? 0) + 1);

  const rows: AgentView[] = agents.map((a) => {
    const u = a.matrixUserId ? users.get(a.matrixUserId) : undefined;
    const own = (a.matrixUserId && devicesOf.get(a.matrixUserId)) || [];
    const byTrust: Partial<Record<DeviceTrust, number>> = {};
    for (const d of own) byTrust[d.trust] = (byTrust[d.trust] ?? 0) + 1;
    const ep = a.endpoint ? endpoints.get(a.endpoint) : undefined;
    const patterns = agentSubjectPatterns({ name: a.name, matrixUserId: a.matrixUserId, endpoint: a.endpoint });
    return {
      decl: a,
      matrix: a.matrixUserId
        ? {
            userId: a.matrixUserId,
            seen: !!u,
            crossSigning: u?.crossSigning.state ?? null,
            verifiedByAuditor: u ? u.verifiedByAuditor : null,
            devices: {
              total: own.length,
              byTrust,
              undeclared: own.filter((d) => !a.deviceIds.includes(d.deviceId)).length,
              list: own
                .slice(0, LISTED_DEVICES)
                .map((d) => ({ deviceId: d.deviceId, trust: d.trust, declared: a.deviceIds.includes(d.deviceId) })),
            },
            rooms: roomsOf.get(a.matrixUserId) ?? 0,
          }
        : null,
      mesh: a.endpoint
        ? {
            endpoint: a.endpoint,
            status: ep?.status ?? null,
            spiffeId: a.spiffeId ?? ep?.expectedIdentity ?? null,
            notAfter: ep?.notAfter ?? null,
          }
        : null,
      // A finding has one subject type, so it matches at most one of an agent's patterns: the counts add up.
      openFindings: patterns.reduce(
        (n, p) =>
          n +
          (p.subjectId !== undefined
            ? (findingsBySubject.get(subjectKey(p.subjectType, p.subjectId)) ?? 0)
            : deviceFindings.filter((f) => f.subjectId.startsWith(p.prefix ?? "\0")).length),
        0,
      ),
    };
  });

  const declaredUsers = new Set(agents.map((a) => a.matrixUserId).filter(Boolean));
  const allowed = new Set(data.registry?.allowedMembers ?? []);
  const declaredEndpoints = new Set(agents.map((a) => a.endpoint).filter(Boolean));
  // Not-listed accounts first: they are the ones that need a reason to exist; allowed members follow.
  const undeclaredUsers = [...users.values()]
    .filter((u) => !declaredUsers.has(u.userId) && u.userId !== data.matrix?.auditor.userId)
    .map((u) => ({
      userId: u.userId,
      displayName: u.displayName ?? null,
      allowed: allowed.has(u.userId),
      devices: devicesOf.get(u.userId)?.length ?? 0,
    }))
    .sort((a, b) => Number(a.allowed) - Number(b.allowed));
  return {
    snapshot: snap,
    unreadable: null,
    hasRegistry: !!data.registry,
    rows,
    undeclared: {
      users: undeclaredUsers.slice(0, LISTED_UNDECLARED_USERS),
      usersTotal: undeclaredUsers.length,
      endpoints: endpointRows.filter((e) => !declaredEndpoints.has(e.endpoint)),
    },
  };
}
export type AgentsOverview = Extract<Awaited<ReturnType<typeof getAgentsOverview>>, { unreadable: null }>;

/** One declared agent by name, from the registry the newest snapshot was judged against; null when none declares it. */
export async function findAgentDecl(name: string): Promise<AgentDecl | null> {
  const snap = await latestMeshSnapshot();
  if (!snap) return null;
  const data = await readStoredSnapshot(getDb(), snap.id);
  if (!data || data instanceof UnreadableSnapshotError) return null;
  return data.registry?.agents.find((a) => a.name === name) ?? null;
}
