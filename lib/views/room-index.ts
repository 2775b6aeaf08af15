/**
 * The Rooms view's filters, sorts and pages, over one snapshot's rooms held in
 * memory. A snapshot and its rows are written in one transaction and never
 * change, so an index built once per snapshot stays exact; each request then
 * costs a filter over a pre-sorted array instead of two database queries
 * (a page and a count), which on the embedded database run on the server's
 * only thread. Pure: no database here, see rooms.ts for the loading.
 */
import type { Severity } from "../policy/severity";
import { isOn, oneOf, readPaging, type Query } from "./search-params";

export const ROOM_SORTS = ["exposure", "name", "members", "agents", "encryption", "findings"] as const;
export type RoomSort = (typeof ROOM_SORTS)[number];
type Dir = "asc" | "desc";

/** The columns the list shows; a subset of RoomRow so the loader can hand rows straight in. */
export interface RoomListRow {
  id: string;
  roomId: string;
  name: string | null;
  canonicalAlias: string | null;
  encrypted: boolean;
  algorithm: string | null;
  joinRule: string | null;
  historyVisibility: string | null;
  guestAccess: string | null;
  memberCount: number;
  agentCount: number;
  exposure: number;
}

/** A room's open findings: how many, and the worst of them. */
export interface RoomOpenFindings {
  count: number;
  worst: Severity;
}

/**
 * What the list shows: the row, its open findings, and the exposure it is ranked by. The stored exposure
 * reads only the room's settings (join rule, history, guests, encryption), so a room with an unexpected
 * member or an odd algorithm would rank "0, closed" beside the safest room: an open finding raises it
 * to at least its severity's floor (FINDING_FLOOR).
 */
export interface RoomListEntry extends RoomListRow {
  openFindings: number;
  worstOpen: Severity | null;
  /** max(exposure, the worst open finding's floor): the "worst exposure first" order, and the number shown. */
  effectiveExposure: number;
}

/** The least exposure (0..10) a room with an open finding of each severity can show. */
export const FINDING_FLOOR: Record<Severity, number> = { critical: 10, high: 7, medium: 4, low: 1, info: 0 };

/** A row with its search text (lower-cased name, room id and alias), computed once. */
interface Entry {
  row: RoomListEntry;
  hay: string;
}

export interface RoomIndex {
  readonly size: number;
  /** The rows in one order, computed on first use and kept. */
  sorted(sort: RoomSort, dir: Dir): readonly Entry[];
  /** The rows a query matches, in its order; the last few answers are kept, so paging through them is a slice. */
  matching(q: Query, sort: RoomSort, dir: Dir): readonly Entry[];
}

/** Distinct filter-and-sort combinations remembered per snapshot (searches make the set unbounded). */
const KEPT_ANSWERS = 64;

// Numeric so "room 9" sorts before "room 10"; base sensitivity so case does not split names.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const byRoomId = (a: RoomListEntry, b: RoomListEntry) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0);

/** Ascending comparison of one column; the caller flips it for desc. Null names compare as null. */
const COLUMN: Record<RoomSort, (a: RoomListEntry, b: RoomListEntry) => number> = {
  exposure: (a, b) => a.effectiveExposure - b.effectiveExposure || a.openFindings - b.openFindings || a.exposure - b.exposure,
  findings: (a, b) =>
    a.openFindings - b.openFindings ||
    FINDING_FLOOR[a.worstOpen ?? "info"] - FINDING_FLOOR[b.worstOpen ?? "info"] ||
    a.exposure - b.exposure,
  name: (a, b) => collator.compare(a.name ?? "", b.name ?? ""),
  members: (a, b) => a.memberCount - b.memberCount,
  agents: (a, b) => a.agentCount - b.agentCount,
  encryption: (a, b) => Number(a.encrypted) - Number(b.encrypted),
};

/** Sorts by the column in `dir`, rooms without a name last either way, ties by room id so pages never overlap. */
function compareBy(sort: RoomSort, dir: Dir) {
  const sign = dir === "asc" ? 1 : -1;
  return ({ row: a }: Entry, { row: b }: Entry) => {
    if (sort === "name" && (a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
    return sign * COLUMN[sort](a, b) || byRoomId(a, b);
  };
}

/** The index of one snapshot's rooms, joined with the open findings by room id (empty: none open). */
export function indexRooms(rows: readonly RoomListRow[], findings: ReadonlyMap<string, RoomOpenFindings> = new Map()): RoomIndex {
  const entries: Entry[] = rows.map((r) => {
    const open = findings.get(r.roomId);
    const row: RoomListEntry = {
      ...r,
      openFindings: open?.count ?? 0,
      worstOpen: open?.worst ?? null,
      effectiveExposure: Math.max(r.exposure, open ? FINDING_FLOOR[open.worst] : 0),
    };
    return { row, hay: [r.name ?? "", r.roomId, r.canonicalAlias ?? ""].join("\n").toLowerCase() };
  });
  const orders = new Map<string, readonly Entry[]>();
  const answers = new Map<string, readonly Entry[]>();
  const index: RoomIndex = {
    size: rows.length,
    sorted(sort, dir) {
      const key = `${sort}:${dir}`;
      let order = orders.get(key);
      if (!order) orders.set(key, (order = [...entries].sort(compareBy(sort, dir))));
      return order;
    },
    matching(q, sort, dir) {
      const keep = roomFilter(q);
      if (!keep) return index.sorted(sort, dir);
      const key = JSON.stringify([sort, dir, isOn(q, "plaintext"), isOn(q, "agents"), isOn(q, "public"), q.q?.toLowerCase()]);
      let found = answers.get(key);
      if (!found) {
        found = index.sorted(sort, dir).filter(keep);
        if (answers.size >= KEPT_ANSWERS) answers.delete(answers.keys().next().value as string);
        answers.set(key, found);
      }
      return found;
    },
  };
  return index;
}

/** Which rows a query keeps: the chips and the search box (case-insensitive over name, room id and alias). */
function roomFilter(q: Query): ((e: Entry) => boolean) | null {
  const tests: ((e: Entry) => boolean)[] = [];
  if (isOn(q, "plaintext")) tests.push((e) => !e.row.encrypted);
  if (isOn(q, "agents")) tests.push((e) => e.row.agentCount > 0);
  if (isOn(q, "public")) tests.push((e) => e.row.joinRule === "public");
  const needle = q.q?.toLowerCase();
  if (needle) tests.push((e) => e.hay.includes(needle));
  return tests.length ? (e) => tests.every((t) => t(e)) : null;
}

/** One page of rooms as the URL asks for it, with the total that matched. */
export function selectRooms(index: RoomIndex, q: Query) {
  const { page, pageSize } = readPaging(q);
  const sort = oneOf(q.sort, ROOM_SORTS, "exposure");
  const dir = oneOf(q.dir, ["asc", "desc"] as const, sort === "name" ? "asc" : "desc");
  const matched = index.matching(q, sort, dir);
  const start = (page - 1) * pageSize;
  return { rows: matched.slice(start, start + pageSize).map((e) => e.row), total: matched.length, page, pageSize, sort, dir };
}
