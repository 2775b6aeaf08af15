/**
 * The floor: the least a scanner can do to read what Vigil reads through the
 * Admin API — same endpoints, page sizes, batch sizes and concurrency, raw
 * fetch + JSON.parse, nothing validated, merged or kept beyond what the next
 * request needs. Vigil's time over this is its own overhead.
 */
import { forEachBounded } from "../../lib/collect/matrix/for-each-bounded";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw bodies, deliberately unvalidated

export async function floorScan(
  baseUrl: string,
  token: string,
  concurrency: number,
  agentIds: Set<string>,
  auditorId: string,
): Promise<{ requests: number; phasesMs: Record<string, number> }> {
  let requests = 0;
  // Where the time goes (server-bound phases), so a miss of the wall-time target can be attributed.
  const phasesMs: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    phasesMs[name] = Math.round(t - mark);
    mark = t;
  };
  const call = async (path: string, body?: unknown): Promise<Json> => {
    requests++;
    const res = await fetch(baseUrl + path, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as Json;
  };
  const fail = (_: unknown, e: unknown) => {
    throw e;
  };

  const rooms: { id: string; joined: number }[] = [];
  for (let from: unknown = 0; from != null;) {
    const p = await call(`/_synapse/admin/v1/rooms?limit=500&order_by=creator&dir=f&from=${from}`);
    for (const r of p.rooms) rooms.push({ id: r.room_id, joined: r.joined_members });
    from = p.rooms.length ? p.next_batch : null;
  }
  // Vigil reads recent activity where two agents share a room; the floor must read it too.
  const shared: string[] = [];
  await forEachBounded(
    rooms.filter((r) => r.joined > 0),
    concurrency,
    async (r) => {
      const s = await call(`/_synapse/admin/v1/rooms/${encodeURIComponent(r.id)}/state`);
      const agents = (s.state as Json[]).filter(
        (e) => e.type === "m.room.member" && e.content?.membership === "join" && agentIds.has(e.state_key),
      );
      if (agents.length >= 2) shared.push(r.id);
    },
    fail,
  );
  phase("rooms+state");

  const users: string[] = [];
  for (let from: unknown = "0"; from != null;) {
    const p = await call(`/_synapse/admin/v2/users?limit=500&from=${from}&guests=true&deactivated=true&order_by=name`);
    for (const u of p.users) if (!u.deactivated) users.push(u.name);
    from = p.users.length ? p.next_token : null;
  }
  await forEachBounded(
    users,
    concurrency,
    async (u) => void (await call(`/_synapse/admin/v2/users/${encodeURIComponent(u)}/devices`)),
    fail,
  );
  phase("users+devices");

  const ids = [auditorId, ...users.filter((u) => u !== auditorId)];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) batches.push(ids.slice(i, i + 100));
  await forEachBounded(
    batches,
    Math.min(concurrency, 4),
    async (b) => {
      await call("/_matrix/client/v3/keys/query", { device_keys: Object.fromEntries(b.map((u) => [u, []])), timeout: 10_000 });
    },
    fail,
  );
  phase("keys");

  const filter = encodeURIComponent(
    JSON.stringify({
      types: ["m.room.message", "m.room.encrypted", "m.sticker", "m.reaction"],
      event_fields: ["sender", "origin_server_ts", "type"],
    }),
  );
  await forEachBounded(
    shared,
    concurrency,
    async (id) => void (await call(`/_synapse/admin/v1/rooms/${encodeURIComponent(id)}/messages?dir=b&limit=100&filter=${filter}`)),
    fail,
  );
  phase("messages");
  return { requests, phasesMs };
}
