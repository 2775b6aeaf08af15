/**
 * A stamp that changes whenever the findings table does, so the bulk reads of it (the CSV, the latest scan's JSON)
 * can be kept per process and reused while it holds. Every write to a finding moves one of these: a scan sets
 * lastSeenAt (failing) or resolvedAt (resolved) to its own time and creates rows, accepting sets acceptedAt, and
 * taking an acceptance back turns the finding open (the counts by status). Read from the database, not counted in
 * memory, so a write by another Vigil process on the same PostgreSQL is seen too.
 */
import type { PrismaClient } from "../../generated/prisma/client";

export async function findingsVersion(db: Pick<PrismaClient, "$queryRawUnsafe">): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ v: string }[]>(`
    SELECT concat_ws('|', count(*), count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'accepted'),
      max("lastSeenAt"), max("resolvedAt"), max("acceptedAt"), max("acceptedUntil")) AS v
    FROM "Finding"`);
  return rows[0]?.v ?? "";
}

/** One computed value per key, reused while the findings' version is the same; a few keys at most per process. */
export function memoByFindingsVersion<I, T>(compute: (input: I) => Promise<T>, maxKeys = 8) {
  const kept = new Map<string, { version: string; value: Promise<T> }>();
  /** `key` names `input` exactly: the same key must mean the same computation. */
  return async (db: Pick<PrismaClient, "$queryRawUnsafe">, key: string, input: I): Promise<T> => {
    const version = await findingsVersion(db);
    const hit = kept.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = compute(input);
    kept.delete(key);
    kept.set(key, { version, value });
    if (kept.size > maxKeys) kept.delete(kept.keys().next().value ?? "");
    // A failed computation is not kept: the next call tries again.
    value.catch(() => kept.get(key)?.value === value && kept.delete(key));
    return value;
  };
}
