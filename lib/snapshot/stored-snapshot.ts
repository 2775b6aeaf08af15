/**
 * A stored snapshot, read once per id and kept for the views that need the whole record (Agents, an endpoint's
 * page, Drift). Snapshots never change once written, so what was read stays true; reading one costs the database
 * a multi-megabyte JSON value and the server a JSON and schema parse (~1 s at 10,000 rooms on a busy box), which
 * fifty people opening those pages would otherwise pay on every view (bench/load). The few most recent ids are kept:
 * the latest, the previous and the baseline are what views ask for. Callers must not modify what they get.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { readSnapshot, type UnreadableSnapshotError } from "./read-snapshot";
import type { Snapshot } from "./types";

const KEPT = 4;
const kept = new Map<string, Promise<Snapshot | UnreadableSnapshotError | null>>();

/**
 * The snapshot stored under `id` (null when there is none), or why it cannot be read, as readSnapshot says.
 * Kept by id and row version (PostgreSQL's xmin, which any UPDATE changes; reading it detoasts nothing), so a row
 * edited in place — by hand, a repair, a test that damages it — is read again instead of served as it was.
 */
export async function readStoredSnapshot(
  db: Pick<PrismaClient, "snapshot" | "$queryRaw">,
  id: string,
): Promise<Snapshot | UnreadableSnapshotError | null> {
  const [row] = await db.$queryRaw<{ version: string }[]>`SELECT xmin::text AS version FROM "Snapshot" WHERE id = ${id}`;
  if (!row) return null;
  const key = `${id}@${row.version}`;
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key); // most recently used goes last
    kept.set(key, hit);
    return hit;
  }
  const read = db.snapshot.findUnique({ where: { id }, select: { data: true } }).then((r) => (r ? readSnapshot(r.data, id) : null));
  kept.set(key, read);
  // A failed or empty read is not remembered: the next request asks the database again.
  const forget = () => kept.get(key) === read && kept.delete(key);
  read.then((r) => r === null && forget(), forget);
  while (kept.size > KEPT) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return read;
}
