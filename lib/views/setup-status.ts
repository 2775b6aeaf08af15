import "server-only";
import { getDb } from "../db";
import { getConnectionSettings } from "../settings/connections";

/** What is configured and scanned so far: drives every page's empty state. */
export async function getSetupStatus() {
  const [connections, lastScan] = await Promise.all([
    getConnectionSettings(),
    getDb().scan.findFirst({ orderBy: { startedAt: "desc" } }),
  ]);
  return {
    homeserver: connections.homeserver,
    mesh: connections.mesh,
    lastScan,
  };
}
export type SetupStatus = Awaited<ReturnType<typeof getSetupStatus>>;
