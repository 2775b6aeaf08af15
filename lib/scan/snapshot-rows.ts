import type { Registry } from "../registry/types";
import type { Snapshot } from "../snapshot/types";

/**
 * Flattens a snapshot into the rows the list views page, sort and filter on
 * (the JSON snapshot stays the record; these are its index). Pure.
 */
export function snapshotRows(snapshot: Snapshot, registry: Registry, everEncrypted: ReadonlySet<string>) {
  const agentUsers = new Map(registry.agents.filter((a) => a.matrixUserId).map((a) => [a.matrixUserId!, a]));
  const rooms = (snapshot.matrix?.rooms ?? []).map((r) => {
    const agentCount = r.members.filter((m) => agentUsers.has(m)).length;
    return {
      roomId: r.roomId,
      name: r.name?.slice(0, 500) ?? null,
      canonicalAlias: r.canonicalAlias ?? null,
      encrypted: r.encryption !== null,
      algorithm: r.encryption?.algorithm ?? null,
      joinRule: r.joinRule ?? null,
      historyVisibility: r.historyVisibility ?? null,
      guestAccess: r.guestAccess ?? null,
      federatable: r.federatable ?? null,
      memberCount: r.members.length,
      agentCount,
      exposure: exposureOf(r),
      everEncrypted: r.encryption !== null || everEncrypted.has(r.roomId),
    };
  });
  const devices = (snapshot.matrix?.devices ?? []).map((d) => {
    const agent = agentUsers.get(d.userId);
    return {
      userId: d.userId,
      deviceId: d.deviceId,
      displayName: d.displayName?.slice(0, 500) ?? null,
      trust: d.trust,
      lastSeenTs: d.lastSeenTs === undefined ? null : BigInt(d.lastSeenTs),
      expected: !!agent && agent.deviceIds.includes(d.deviceId),
      agentName: agent?.name ?? null,
    };
  });
  return { rooms, devices };
}

/** 0 (closed) .. 10 (anyone can read it): a sort key for "by exposure", not a score of record. */
export function exposureOf(r: { encryption: unknown; joinRule?: string; historyVisibility?: string; guestAccess?: string }): number {
  let e = 0;
  if (r.encryption === null) e += 4;
  if (r.joinRule === "public") e += 3;
  if (r.historyVisibility === "world_readable") e += 2;
  if (r.guestAccess === "can_join") e += 1;
  return e;
}
