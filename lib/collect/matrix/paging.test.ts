import { afterEach, describe, expect, it } from "vitest";
import { on, startRecordedServer, type RecordedServer } from "../../../test/support/recorded-server";
import { createHomeserverClient } from "../../homeserver/client";
import { listAdminRooms } from "./collect-admin-inventory";
import { forEachBounded } from "./for-each-bounded";

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("bounded map", () => {
  it("runs every item and reports failures per item", async () => {
    let active = 0;
    let peak = 0;
    const failed: number[] = [];
    await forEachBounded(
      [1, 2, 3, 4, 5, 6],
      2,
      async (i) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (i % 3 === 0) throw new Error("boom");
      },
      (i) => failed.push(i),
    );
    expect(peak).toBe(2);
    expect(failed.sort()).toEqual([3, 6]);
  });
});

describe("admin room paging", () => {
  const entry = (room_id: string) => ({ room_id, joined_members: 1 });
  it("resumes from a given offset, de-duplicates shifted pages and stops on an echoed token", async () => {
    server = await startRecordedServer([
      on("GET", "/_synapse/admin/v1/rooms", (q) => {
        const from = q.get("from");
        if (from === "500") return { json: { rooms: [entry("!b:hs"), entry("!c:hs")], next_batch: 1000 } };
        // A room created mid-scan shifted the offsets: !c appears again.
        if (from === "1000") return { json: { rooms: [entry("!c:hs"), entry("!d:hs")], next_batch: 1000 } };
        return { json: { rooms: [entry("!a:hs")], next_batch: 500 } };
      }),
    ]);
    const ctx = { http: createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t" }), errors: [], concurrency: 4 };
    const rooms = await listAdminRooms(ctx, 500);
    expect(rooms.map((r) => r.room_id)).toEqual(["!b:hs", "!c:hs", "!d:hs"]);
    expect(ctx.http.stats.requests).toBe(2);
    expect(server.log.every((l) => l.startsWith("GET /_synapse/admin/v1/rooms"))).toBe(true);
  });

  it("records where paging stopped so a later scan can resume", async () => {
    const firstPageOnly = (q: URLSearchParams) =>
      q.get("from") === "0" ? { json: { rooms: [entry("!a:hs")], next_batch: 500 } } : { status: 500, raw: "oops" };
    server = await startRecordedServer([on("GET", "/_synapse/admin/v1/rooms", firstPageOnly)]);
    const ctx = { http: createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 }), errors: [], concurrency: 4 };
    const rooms = await listAdminRooms(ctx);
    expect(rooms).toHaveLength(1);
    expect(ctx.errors).toEqual([expect.objectContaining({ scope: "room list from offset 500 (resume with from=500)" })]);
  });
});
