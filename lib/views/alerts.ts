import "server-only";
import { getDb } from "../db";
import { METRICS_SECRET } from "../metrics/token";
import { readScheduleMinutes, SCAN_JOB } from "../scan/schedule";

/**
 * Everything the Alerts settings page shows: webhooks and their last deliveries, the scan schedule with its next and
 * last run, and who set the metrics token when (never the token itself).
 */
export async function getAlertSettings() {
  const db = getDb();
  const [hooks, deliveries, minutes, nextScan, lastScanJob, tokenRow] = await Promise.all([
    db.webhook.findMany({ orderBy: { createdAt: "asc" } }),
    db.webhookDelivery.findMany({ orderBy: { createdAt: "desc" }, take: 50, include: { webhook: { select: { name: true } } } }),
    readScheduleMinutes(db),
    db.job.findFirst({ where: { kind: SCAN_JOB, status: "queued" }, orderBy: { runAt: "asc" } }),
    db.job.findFirst({ where: { kind: SCAN_JOB, status: { in: ["done", "skipped", "failed"] } }, orderBy: { runAt: "desc" } }),
    db.secret.findUnique({ where: { name: METRICS_SECRET }, select: { updatedAt: true, updatedBy: true } }),
  ]);
  return { hooks, deliveries, minutes, nextScan, lastScanJob, tokenRow };
}
