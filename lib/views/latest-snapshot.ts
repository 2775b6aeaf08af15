import "server-only";
import { cache } from "react";
import { getDb } from "../db";

export interface LatestSnapshot {
  id: string;
  scanId: string;
  takenAt: Date;
  status: "complete" | "partial";
  /** "member": the auditor is not a server admin, so only joined rooms were seen. */
  matrixView: "admin" | "member" | null;
}

/**
 * The snapshot every list view reads: the newest complete-or-partial one. A
 * failed scan never replaces it. Reads only the one JSON field it needs, not
 * the whole (possibly large) snapshot. Once per request: a page's views may each ask.
 */
export const getLatestSnapshot = cache(async (): Promise<LatestSnapshot | null> => {
  const db = getDb();
  const snap = await db.snapshot.findFirst({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { takenAt: "desc" },
    select: { id: true, scanId: true, takenAt: true, status: true },
  });
  if (!snap) return null;
  const view = await matrixViewOf(snap.id);
  return {
    ...snap,
    status: snap.status === "partial" ? "partial" : "complete",
    matrixView: view === "admin" || view === "member" ? view : null,
  };
});

// Snapshots are immutable, so what one says never changes: remember it per id
// instead of making Postgres detoast a multi-megabyte JSON value on every request.
const viewCache = new Map<string, string | null>();

async function matrixViewOf(snapshotId: string): Promise<string | null> {
  if (viewCache.has(snapshotId)) return viewCache.get(snapshotId) ?? null;
  const rows = await getDb().$queryRaw<
    { view: string | null }[]
  >`SELECT data->'matrix'->>'view' AS view FROM "Snapshot" WHERE id = ${snapshotId}`;
  const view = rows[0]?.view ?? null;
  if (viewCache.size > 100) viewCache.clear();
  viewCache.set(snapshotId, view);
  return view;
}

/** One element of a JSON array in the snapshot, found by a key, without loading the whole snapshot. */
export async function snapshotElement(
  snapshotId: string,
  arrayPath: "rooms" | "users",
  key: "roomId" | "userId",
  value: string,
): Promise<unknown> {
  const rows = await getDb().$queryRaw<{ elem: unknown }[]>`
    SELECT elem FROM "Snapshot", jsonb_array_elements(data->'matrix'->${arrayPath}) AS elem
    WHERE id = ${snapshotId} AND elem->>${key} = ${value} LIMIT 1`;
  return rows[0]?.elem ?? null;
}
