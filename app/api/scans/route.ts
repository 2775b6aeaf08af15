import { NextResponse } from "next/server";
import { withAction, withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { scanConfigFromSettings } from "@/lib/scan/config-from-settings";
import { requestScan } from "@/lib/scan/scan-job";
import { SCAN_JOB } from "@/lib/scan/schedule";
import { wakeJobs } from "@/lib/startup";

/**
 * Recent scans, newest first, and whether a scan job is pending (queued and due, or running): between
 * "Scan now" and the Scan row's creation there is a job but no row, and the page must not call that done.
 */
export const GET = withSession(async () => {
  const db = getDb();
  const [scans, due] = await Promise.all([
    db.scan.findMany({ orderBy: { startedAt: "desc" }, take: 50 }),
    db.job.count({ where: { kind: SCAN_JOB, OR: [{ status: "running" }, { status: "queued", runAt: { lte: new Date() } }] } }),
  ]);
  return NextResponse.json({ scans, pending: due > 0 });
});

/**
 * Asks for a scan. 202 { outcome: "queued" } when a new scan was queued; 200 { outcome: "joined" }
 * when one was already running or due, with its scanId once it has started. The job worker runs it.
 */
export const POST = withAction("scan.run", async (_req, { actor }) => {
  const config = await scanConfigFromSettings();
  if (!config.homeserver && !config.mesh) {
    return NextResponse.json({ error: "Nothing to scan: connect a homeserver or the mesh in Settings." }, { status: 409 });
  }
  const request = await requestScan(getDb(), { trigger: "manual", actor: actor.email });
  wakeJobs();
  return NextResponse.json(request, { status: request.outcome === "queued" ? 202 : 200 });
});
