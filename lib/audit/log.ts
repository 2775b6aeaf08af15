import { getDb } from "../db";

export type AuditOutcome = "ok" | "denied" | "error";

export interface AuditEntry {
  actor: { id: string | null; email: string } | null;
  action: string;
  target?: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log. Never throws past the caller's own outcome: a failed write is logged loudly. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await getDb().auditLog.create({
      data: {
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email ?? "system",
        action: entry.action,
        target: entry.target ?? "",
        outcome: entry.outcome,
        detail: (entry.detail ?? {}) as object,
      },
    });
  } catch (err) {
    console.error(`[audit] could not record ${entry.action} (${entry.outcome}):`, (err as Error).message);
  }
}
