import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { on, startRecordedServer, type RecordedServer } from "./__fixtures__/recorded-server";
import { createMatrixHttp, forEachBounded, MatrixApiError } from "./http";
import { listAdminRooms } from "./collect-admin-inventory";

let server: RecordedServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const Ok = z.looseObject({ ok: z.boolean() });

describe("matrix http", () => {
  it("retries 429 and 5xx with backoff, then succeeds; counts every attempt", async () => {
    let n = 0;
    server = await startRecordedServer([on("GET", "/x", () => (++n === 1 ? { status: 429, json: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 5 } } : n === 2 ? { status: 503, raw: "" } : { json: { ok: true } }))]);
    const http = createMatrixHttp({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.get("x", "/x", Ok)).resolves.toEqual({ ok: true });
    expect(http.stats).toEqual({ requests: 3, retries: 2, byLabel: { x: 3 } });
  });

  it("classifies failures", async () => {
    server = await startRecordedServer([
      on("GET", "/gone", () => ({ status: 404, json: { errcode: "M_NOT_FOUND", error: "nope" } })),
      on("GET", "/shape", () => ({ json: { ok: "yes" } })),
      on("GET", "/reset", () => "reset"),
    ]);
    const http = createMatrixHttp({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1, retries: 1 });
    const kind = (p: string) => http.get("k", p, Ok).then(() => "ok", (e: MatrixApiError) => e.kind);
    expect(await kind("/gone")).toBe("not-found");
    expect(await kind("/shape")).toBe("malformed");
    expect(await kind("/reset")).toBe("network");
  });

  it("refuses to send a token no header can carry, naming the problem but never the token; nothing is sent", async () => {
    server = await startRecordedServer([on("GET", "/x", () => ({ json: { ok: true } }))]);
    for (const token of ["syt_secret\nrest_of_it", "syt_secret€rest_of_it"]) {
      const http = createMatrixHttp({ baseUrl: server.baseUrl, accessToken: token, backoffMs: 1 });
      const error = await http.get("x", "/x", Ok).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(MatrixApiError);
      const why = /cannot be sent in an HTTP header: it contains a (line break|non-ASCII character) at position 11/;
      expect(error).toMatchObject({ kind: "unknown-token", message: expect.stringMatching(why) });
      expect(String((error as Error).message)).not.toMatch(/secret|rest_of_it/);
    }
    expect(server.log).toEqual([]);
  });

  it("redacts a token the homeserver echoes back in its error", async () => {
    const token = "syt_dGVzdA_EchoedBackByServer_0aB1c2";
    const echo = { status: 400, json: { errcode: "M_BAD", error: `bad token ${token} (Bearer ${token})` } };
    server = await startRecordedServer([on("GET", "/echo", () => echo)]);
    const http = createMatrixHttp({ baseUrl: server.baseUrl, accessToken: token, backoffMs: 1 });
    const error = await http.get("x", "/echo", Ok).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ kind: "client", status: 400, errcode: "M_BAD" });
    expect((error as Error).message).toMatch(/HTTP 400 \(M_BAD\): bad token \[redacted\]/);
    expect((error as Error).message).not.toContain("EchoedBackByServer");
  });

  it("bounded map runs every item and reports failures per item", async () => {
    let active = 0;
    let peak = 0;
    const failed: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6], 2, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (i % 3 === 0) throw new Error("boom");
    }, (i) => failed.push(i));
    expect(peak).toBe(2);
    expect(failed.sort()).toEqual([3, 6]);
  });
});

describe("admin room paging", () => {
  const entry = (room_id: string) => ({ room_id, joined_members: 1 });
  it("resumes from a given offset, de-duplicates shifted pages and stops on an echoed token", async () => {
    server = await startRecordedServer([on("GET", "/_synapse/admin/v1/rooms", (q) => {
      const from = q.get("from");
      if (from === "500") return { json: { rooms: [entry("!b:hs"), entry("!c:hs")], next_batch: 1000 } };
      // A room created mid-scan shifted the offsets: !c appears again.
      if (from === "1000") return { json: { rooms: [entry("!c:hs"), entry("!d:hs")], next_batch: 1000 } };
      return { json: { rooms: [entry("!a:hs")], next_batch: 500 } };
    })]);
    const ctx = { http: createMatrixHttp({ baseUrl: server.baseUrl, accessToken: "t" }), errors: [], concurrency: 4 };
    const rooms = await listAdminRooms(ctx, 500);
    expect(rooms.map((r) => r.room_id)).toEqual(["!b:hs", "!c:hs", "!d:hs"]);
    expect(ctx.http.stats.requests).toBe(2);
    expect(server.log.every((l) => l.startsWith("GET /_synapse/admin/v1/rooms"))).toBe(true);
  });

  it("records where paging stopped so a later scan can resume", async () => {
    server = await startRecordedServer([on("GET", "/_synapse/admin/v1/rooms", (q) => (q.get("from") === "0" ? { json: { rooms: [entry("!a:hs")], next_batch: 500 } } : { status: 500, raw: "oops" }))]);
    const ctx = { http: createMatrixHttp({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 }), errors: [], concurrency: 4 };
    const rooms = await listAdminRooms(ctx);
    expect(rooms).toHaveLength(1);
    expect(ctx.errors).toEqual([expect.objectContaining({ scope: "room list from offset 500 (resume with from=500)" })]);
  });
});
