/**
 * Every open finding as one JSON array, in the shape `vigil scan --format json` prints, built by the database.
 * Why SQL and not findMany: at thousands of findings with their evidence, decoding each row field by field (PGlite's
 * protocol parser and Prisma's result mapping, both on the server's one thread) cost ~400 ms per call and stalled
 * every other request (bench/load); one row holding one text value costs a few milliseconds to hand over.
 */
import type { PrismaClient } from "../../generated/prisma/client";

/** Timestamps are stored without a zone, in UTC: printed as Date.toJSON() does. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export async function openFindingsJson(db: Pick<PrismaClient, "$queryRawUnsafe">): Promise<string> {
  // No parameters: the statement is constant text (the format string above is ours, not input).
  const rows = await db.$queryRawUnsafe<{ findings: string }[]>(`
    SELECT coalesce(json_agg(json_build_object(
      'check', "check",
      'severity', severity,
      'subject', json_strip_nulls(json_build_object('type', "subjectType", 'id', "subjectId", 'label', "subjectLabel")),
      'detail', detail,
      'evidence', evidence,
      'firstSeenAt', to_char("firstSeenAt", ${ISO}),
      'lastSeenAt', to_char("lastSeenAt", ${ISO})
    ) ORDER BY severity ASC, "check" ASC, "subjectId" ASC), '[]')::text AS findings
    FROM "Finding" WHERE status = 'open'`);
  return rows[0]?.findings ?? "[]";
}
