import "server-only";
import { getDb, type Prisma } from "../db";
import { findAgentDecl } from "./agents";
import { agentSubjectPatterns, FINDING_STATUSES, SEVERITY_NAMES, SUBJECT_TYPES } from "./finding-filters";
import { oneOf, readPaging, type Query } from "./search-params";

/** At most this many findings go into one CSV export of a filtered list. */
export const FINDINGS_CSV_LIMIT = 10_000;

/**
 * The Prisma filter the URL asks for, and whether the agent it names is declared.
 * `q` searches check id, subject id and label, and detail (case-insensitive); `agent`
 * keeps the findings about one agent's subjects (the Agents page's open count links here).
 */
export async function findingsWhere(q: Query): Promise<{ where: Prisma.FindingWhereInput; status: string; agentDeclared: boolean | null }> {
  const status = oneOf(q.status, FINDING_STATUSES, "open");
  const where: Prisma.FindingWhereInput = {};
  const and: Prisma.FindingWhereInput[] = [];
  if (status !== "all") where.status = status;
  if (q.severity) where.severity = oneOf(q.severity, SEVERITY_NAMES, "critical");
  if (q.subject) where.subjectType = oneOf(q.subject, SUBJECT_TYPES, "room");
  if (q.check) where.check = q.check;
  if (q.subjectId) where.subjectId = q.subjectId;
  const text = q.q?.trim().slice(0, 200);
  if (text) {
    const contains = { contains: text, mode: "insensitive" as const };
    and.push({ OR: [{ check: contains }, { subjectId: contains }, { subjectLabel: contains }, { detail: contains }] });
  }
  let agentDeclared: boolean | null = null;
  if (q.agent) {
    const decl = await findAgentDecl(q.agent);
    agentDeclared = decl !== null;
    const patterns = agentSubjectPatterns({ name: q.agent, matrixUserId: decl?.matrixUserId, endpoint: decl?.endpoint });
    and.push({
      OR: patterns.map((p) => ({
        subjectType: p.subjectType,
        subjectId: p.subjectId !== undefined ? p.subjectId : { startsWith: p.prefix },
      })),
    });
  }
  if (and.length > 0) where.AND = and;
  return { where, status, agentDeclared };
}

/** Findings as the URL asks: open by default, worst first, newest first within a severity. */
export async function listFindings(q: Query) {
  const { page, pageSize } = readPaging(q);
  const { where, status, agentDeclared } = await findingsWhere(q);
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
  return { rows, total, page, pageSize, status, agentDeclared, checks: checks.map((c) => c.check) };
}

/** Every finding the filtered list shows (all pages, up to FINDINGS_CSV_LIMIT), for the CSV export. */
export async function listFindingsForExport(where: Prisma.FindingWhereInput) {
  return getDb().finding.findMany({
    where,
    orderBy: [{ severity: "asc" }, { lastSeenAt: "desc" }, { key: "asc" }],
    take: FINDINGS_CSV_LIMIT,
    // Only the CSV's columns: every field decoded costs time on the server's one thread at thousands of rows.
    select: {
      severity: true,
      check: true,
      status: true,
      subjectType: true,
      subjectId: true,
      subjectLabel: true,
      detail: true,
      firstSeenAt: true,
      lastSeenAt: true,
      resolvedAt: true,
    },
  });
}

export const getFinding = (id: string) => getDb().finding.findUnique({ where: { id } });
