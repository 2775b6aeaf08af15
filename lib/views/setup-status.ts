import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { getConnectionSettings } from "../settings/connections";

/** The newest scan, running or not; once per request (the Overview asks twice). */
export const getLatestScan = cache(() => getDb().scan.findFirst({ orderBy: { startedAt: "desc" } }));

/** What is configured and scanned so far: drives every page's empty state. */
export async function getSetupStatus() {
  const [connections, lastScan] = await Promise.all([getConnectionSettings(), getLatestScan()]);
  return {
    homeserver: connections.homeserver,
    mesh: connections.mesh,
    lastScan,
  };
}
export type SetupStatus = Awaited<ReturnType<typeof getSetupStatus>>;
