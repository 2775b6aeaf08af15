import "server-only";
import { getDb } from "../db";
import { getLatestSnapshot } from "../views/latest-snapshot";

export interface AgentChoice {
  name: string;
  userId: string;
}

/** The agents with a Matrix account in the registry the latest snapshot was judged against. */
export async function agentChoices(): Promise<AgentChoice[]> {
  const snap = await getLatestSnapshot();
  if (!snap) return [];
  const rows = await getDb().$queryRaw<{ name: string | null; user_id: string | null }[]>`
    SELECT a->>'name' AS name, a->>'matrixUserId' AS user_id
    FROM "Snapshot", jsonb_array_elements(COALESCE(data->'registry'->'agents', '[]'::jsonb)) AS a
    WHERE id = ${snap.id}`;
  return rows.flatMap((r) => (r.name && r.user_id ? [{ name: r.name, userId: r.user_id }] : []));
}
