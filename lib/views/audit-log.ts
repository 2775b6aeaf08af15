import "server-only";
import { getDb, type Prisma } from "../db";
import { readPaging, type Query } from "./search-params";

export const AUDIT_OUTCOMES = ["ok", "refused", "denied", "failed", "started"] as const;

/**
 * The audit log as the URL asks: newest first, filtered by action, outcome,
 * actor (email contains) and target (contains). Indexed on (action, at) and (at).
 */
export async function listAuditLog(q: Query) {
  const { page, pageSize } = readPaging(q);
  const where: Prisma.AuditLogWhereInput = {};
  if (q.action) where.action = q.action;
  // An outcome the log never records filters nothing rather than quietly meaning "ok".
  const outcome = AUDIT_OUTCOMES.find((o) => o === q.outcome);
  if (outcome) where.outcome = outcome;
  if (q.actor) where.actorEmail = { contains: q.actor, mode: "insensitive" };
  if (q.target) where.target = { contains: q.target };
  const db = getDb();
  const [rows, total, actions] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count({ where }),
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  return { rows, total, page, pageSize, actions: actions.map((a) => a.action) };
}
