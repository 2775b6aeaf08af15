import { getDb } from "../db";
import { log } from "../log";
import { escapeControlCharacters, escapeControlCharactersDeep } from "../security/text";
import type { RequestSource } from "./source";

/**
 * started: written before the action runs; ok; refused: the handler said no (bad or conflicting input);
 * denied: no role for it, or a failed sign-in; failed: it threw.
 */
export type AuditOutcome = "started" | "ok" | "refused" | "denied" | "failed";

export interface AuditEntry {
  actor: { id: string | null; email: string } | null;
  action: string;
  target?: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  source?: RequestSource;
}

export class AuditUnavailableError extends Error {
  constructor() {
    super("The audit log cannot be written right now, so nothing was done. Try again; if it persists, check the server log.");
  }
}

const MAX_TARGET = 2000;

/**
 * A row as stored: control characters escaped (PostgreSQL refuses a NUL, and a
 * line break would forge lines wherever the log is printed), target bounded.
 */
function row(entry: AuditEntry) {
  return {
    actorId: entry.actor?.id ?? null,
    actorEmail: escapeControlCharacters(entry.actor?.email ?? "system").slice(0, 320),
    action: entry.action,
    target: escapeControlCharacters(entry.target ?? "").slice(0, MAX_TARGET),
    outcome: entry.outcome,
    detail: escapeControlCharactersDeep(entry.detail ?? {}) as object,
    sourceIp: entry.source?.ip ?? null,
    userAgent: entry.source?.userAgent ?? null,
  };
}

/** Appends to the audit log. Never throws past the caller's own outcome: a failed write is logged loudly. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await getDb().auditLog.create({ data: row(entry) });
  } catch (err) {
    log.error({ err, action: entry.action, outcome: entry.outcome, actor: entry.actor?.email }, "could not record an audit row");
  }
}

/**
 * Writes the "started" row of an action before it runs and returns its id.
 * Throws AuditUnavailableError when the row cannot be written: an action
 * that would leave no trace is not taken.
 */
export async function beginAudit(entry: Omit<AuditEntry, "outcome">): Promise<string> {
  try {
    const created = await getDb().auditLog.create({ data: row({ ...entry, outcome: "started" }), select: { id: true } });
    return created.id;
  } catch (err) {
    log.error({ err, action: entry.action, actor: entry.actor?.email }, "could not record the start of an action; the action was refused");
    throw new AuditUnavailableError();
  }
}

/** Settles a started row with what really happened. A failure here leaves "started", which is still true, and is logged. */
export async function finishAudit(id: string, outcome: Exclude<AuditOutcome, "started">, detail?: Record<string, unknown>): Promise<void> {
  try {
    await getDb().auditLog.update({
      where: { id },
      data: { outcome, ...(detail ? { detail: escapeControlCharactersDeep(detail) as object } : {}) },
    });
  } catch (err) {
    log.error({ err, auditId: id, outcome }, "could not record the outcome of an audit row");
  }
}
