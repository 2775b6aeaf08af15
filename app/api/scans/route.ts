import { NextResponse } from "next/server";
import { withAction, withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { scanConfigFromSettings } from "@/lib/scan/config-from-settings";
import { runScan, ScanInProgressError } from "@/lib/scan/run-scan";

/** Recent scans, newest first. */
export const GET = withSession(async () => {
  const scans = await getDb().scan.findMany({ orderBy: { startedAt: "desc" }, take: 50 });
  return NextResponse.json({ scans });
});

/** Starts a scan and returns at once; progress is read from GET /api/scans. */
export const POST = withAction("scan.run", async (_req, { actor }) => {
  const config = await scanConfigFromSettings();
  if (!config.homeserver && !config.mesh) {
    return NextResponse.json({ error: "Nothing to scan: connect a homeserver or the mesh in Settings." }, { status: 409 });
  }
  const db = getDb();
  try {
    const started = runScan(db, config, { trigger: "manual", actor: actor.email });
    started.catch((err: unknown) => console.error("[scan] failed:", (err as Error).message));
    // Wait just long enough for the scan row to exist, so the caller can follow it.
    const scan = await waitForRunningScan(db);
    return NextResponse.json({ scanId: scan?.id ?? null }, { status: 202 });
  } catch (err) {
    if (err instanceof ScanInProgressError) return NextResponse.json({ error: err.message }, { status: 409 });
    throw err;
  }
});

async function waitForRunningScan(db: ReturnType<typeof getDb>) {
  for (let i = 0; i < 50; i++) {
    const scan = await db.scan.findFirst({ where: { status: "running" }, orderBy: { startedAt: "desc" } });
    if (scan) return scan;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}
