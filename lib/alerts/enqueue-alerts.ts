/**
 * Turns a scan's changes into delivery rows, one per matching webhook, each
 * queued as a job. Only writes to the database: sending happens in the worker.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { severityRank, type Severity } from "../rules/types";
import { scheduleDelivery } from "./deliver";
import type { AlertFinding, scanDrift } from "./scan-changes";

export interface ScanRef {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Queues finding.new and drift deliveries for every enabled webhook that wants them; returns how many. */
export async function enqueueScanAlerts(
  db: PrismaClient,
  scan: ScanRef,
  findings: readonly AlertFinding[],
  drift: Awaited<ReturnType<typeof scanDrift>>,
): Promise<number> {
  const hooks = await db.webhook.findMany({ where: { enabled: true } });
  const occurredAt = new Date().toISOString();
  let queued = 0;
  for (const hook of hooks) {
    const bodies: { event: string; extra: object }[] = [];
    if (hook.events.includes("finding.new")) {
      const wanted = findings.filter((f) => severityRank(f.severity as Severity) <= severityRank(hook.minSeverity));
      if (wanted.length) bodies.push({ event: "finding.new", extra: { findings: wanted } });
    }
    if (hook.events.includes("drift") && drift && drift.total > 0) bodies.push({ event: "drift", extra: { changes: drift } });
    for (const b of bodies) {
      // The delivery id is in the body too, so a receiver that logs bodies can de-duplicate without headers.
      const id = randomUUID();
      await db.webhookDelivery.create({
        data: {
          id,
          webhookId: hook.id,
          event: b.event,
          payload: { id, event: b.event, occurredAt, scan: { ...scan }, ...b.extra } as object,
        },
      });
      await scheduleDelivery(db, id);
      queued++;
    }
  }
  return queued;
}
