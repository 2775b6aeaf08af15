import "server-only";
import { getDb, type Prisma } from "../db";
import { FINDING_STATUSES, SEVERITY_NAMES, SUBJECT_TYPES } from "./finding-filters";
import { oneOf, readPaging, type Query } from "./search-params";


/** Findings as the URL asks: open by default, worst first, newest first within a severity. */
export async function listFindings(q: Query) {
  const { page, pageSize } = readPaging(q);
  const status = oneOf(q.status, FINDING_STATUSES, "open");
  const where: Prisma.FindingWhereInput = {};
  if (status !== "all") where.status = status;
  if (q.severity) where.severity = oneOf(q.severity, SEVERITY_NAMES, "critical");
  if (q.subject) where.subjectType = oneOf(q.subject, SUBJECT_TYPES, "room");
  if (q.check) where.check = q.check;
  if (q.subjectId) where.subjectId = q.subjectId;
  const db = getDb();
  const [rows, total, checks] = await Promise.all([
    db.finding.findMany({
      where,
      orderBy: [{ severity: "asc" }, { lastSeenAt: "desc" }, { key: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      omit: { evidence: true },
    }),
    db.finding.count({ where }),
    db.finding.groupBy({ by: ["check"], orderBy: { check: "asc" } }),
  ]);
  return { rows, total, page, pageSize, status, checks: checks.map((c) => c.check) };
}

export const getFinding = (id: string) => getDb().finding.findUnique({ where: { id } });
