import { describe, expect, it } from "vitest";
import { FINDING_FLOOR, indexRooms, selectRooms, type RoomListRow, type RoomOpenFindings } from "./room-index";

const room = (n: number, over: Partial<RoomListRow> = {}): RoomListRow => ({
  id: `row${n}`,
  roomId: `!r${String(n).padStart(3, "0")}:hs.test`,
  name: `room ${n}`,
  canonicalAlias: null,
  encrypted: n % 2 === 0,
  algorithm: n % 2 === 0 ? "m.megolm.v1.aes-sha2" : null,
  joinRule: n % 5 === 0 ? "public" : "invite",
  historyVisibility: "shared",
  guestAccess: null,
  memberCount: n % 7,
  agentCount: n % 3 === 0 ? 1 : 0,
  exposure: n % 4,
  ...over,
});

const rooms = Array.from({ length: 120 }, (_, i) => room(i));
const ids = (rs: readonly RoomListRow[]) => rs.map((r) => r.roomId);

describe("selectRooms", () => {
  it("defaults to worst exposure first, ties by room id, 50 a page", () => {
    const got = selectRooms(indexRooms(rooms), {});
    expect(got).toMatchObject({ sort: "exposure", dir: "desc", page: 1, pageSize: 50, total: 120 });
    expect(got.rows).toHaveLength(50);
    expect(ids(got.rows.slice(0, 30))).toEqual(ids(rooms.filter((r) => r.exposure === 3)));
    expect(got.rows[30]!.exposure).toBe(2);
  });

  it("pages without overlap or gaps, and a page past the end is empty with the total kept", () => {
    const index = indexRooms(rooms);
    const pages = [1, 2, 3].map((page) => selectRooms(index, { page: String(page), sort: "members" }).rows);
    const all = pages.flat();
    expect(new Set(ids(all)).size).toBe(120);
    expect(pages[2]).toHaveLength(20);
    expect(selectRooms(index, { page: "9" })).toMatchObject({ rows: [], total: 120, page: 9 });
  });

  it("sorts names the way people read them, rooms without a name last in both directions", () => {
    const index = indexRooms([room(10), room(9), room(1, { name: null }), room(2, { name: "Room 2" })]);
    expect(selectRooms(index, { sort: "name" }).rows.map((r) => r.name)).toEqual(["Room 2", "room 9", "room 10", null]);
    expect(selectRooms(index, { sort: "name", dir: "desc" }).rows.map((r) => r.name)).toEqual(["room 10", "room 9", "Room 2", null]);
  });

  it("combines the chips", () => {
    const got = selectRooms(indexRooms(rooms), { plaintext: "1", public: "1", agents: "1", size: "200" });
    const want = rooms.filter((r) => !r.encrypted && r.joinRule === "public" && r.agentCount > 0);
    expect(got.total).toBe(want.length);
    expect(new Set(ids(got.rows))).toEqual(new Set(ids(want)));
  });

  it("searches name, room id and alias without regard to case, and takes the text literally", () => {
    const index = indexRooms([
      room(1, { name: "Payments Agents" }),
      room(2, { canonicalAlias: "#Ops:hs.test" }),
      room(3),
      room(4, { name: "a.*b" }),
    ]);
    expect(ids(selectRooms(index, { q: "payments" }).rows)).toEqual(["!r001:hs.test"]);
    expect(ids(selectRooms(index, { q: "#ops" }).rows)).toEqual(["!r002:hs.test"]);
    expect(ids(selectRooms(index, { q: "!R003" }).rows)).toEqual(["!r003:hs.test"]);
    expect(ids(selectRooms(index, { q: ".*" }).rows)).toEqual(["!r004:hs.test"]);
  });

  it("gets unknown sorts, directions and page sizes from the URL: the defaults", () => {
    const got = selectRooms(indexRooms(rooms), { sort: "password", dir: "sideways", size: "100000", page: "-4" });
    expect(got).toMatchObject({ sort: "exposure", dir: "desc", pageSize: 50, page: 1 });
  });

  it("sorts each order once per index, and keeps recent filtered answers but not without bound", () => {
    const index = indexRooms(rooms);
    expect(index.sorted("agents", "desc")).toBe(index.sorted("agents", "desc"));
    expect(index.sorted("agents", "asc")).not.toBe(index.sorted("agents", "desc"));
    const first = index.matching({ plaintext: "1", page: "1" }, "name", "asc");
    expect(index.matching({ plaintext: "1", page: "2" }, "name", "asc")).toBe(first);
    for (let i = 0; i < 100; i++) index.matching({ q: `search ${i}` }, "name", "asc");
    expect(index.matching({ plaintext: "1" }, "name", "asc")).not.toBe(first);
    expect(index.matching({ plaintext: "1" }, "name", "asc")).toEqual(first);
  });

  describe("open findings", () => {
    // Settings alone: a public plaintext room (9), a world-readable one (4), and two that look closed (0).
    const exposed = room(1, { exposure: 9 });
    const readable = room(2, { exposure: 4 });
    const oddAlgorithm = room(3, { exposure: 0 });
    const quiet = room(4, { exposure: 0 });
    const open = new Map<string, RoomOpenFindings>([
      [exposed.roomId, { count: 2, worst: "critical" }],
      [oddAlgorithm.roomId, { count: 1, worst: "high" }],
      [readable.roomId, { count: 1, worst: "medium" }],
    ]);
    const index = indexRooms([quiet, readable, oddAlgorithm, exposed], open);

    it("worst exposure first ranks a room with a high finding above settings that only look worse, never as closed", () => {
      const got = selectRooms(index, {}).rows;
      expect(ids(got)).toEqual([exposed.roomId, oddAlgorithm.roomId, readable.roomId, quiet.roomId]);
      expect(got.map((r) => [r.effectiveExposure, r.openFindings, r.worstOpen])).toEqual([
        [10, 2, "critical"],
        [FINDING_FLOOR.high, 1, "high"],
        [4, 1, "medium"],
        [0, 0, null],
      ]);
      // Ascending puts the truly closed room first and the high-finding room after the readable one.
      expect(ids(selectRooms(index, { dir: "asc" }).rows)).toEqual([quiet.roomId, readable.roomId, oddAlgorithm.roomId, exposed.roomId]);
    });

    it("at equal exposure, more open findings rank first; the stored exposure is kept as it was", () => {
      const a = room(10, { exposure: 7 });
      const b = room(11, { exposure: 0 });
      const got = selectRooms(indexRooms([a, b], new Map([[b.roomId, { count: 3, worst: "high" }]])), {}).rows;
      expect(ids(got)).toEqual([b.roomId, a.roomId]);
      expect(got.map((r) => r.exposure)).toEqual([0, 7]);
    });

    it("sorts by open findings count, and rooms without findings count zero", () => {
      expect(ids(selectRooms(index, { sort: "findings" }).rows)).toEqual([
        exposed.roomId,
        oddAlgorithm.roomId,
        readable.roomId,
        quiet.roomId,
      ]);
      expect(selectRooms(indexRooms([quiet]), {}).rows[0]).toMatchObject({ openFindings: 0, worstOpen: null, effectiveExposure: 0 });
    });
  });
});
