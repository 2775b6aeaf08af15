/**
 * URL state for list views: filters, sort and page live in searchParams so a
 * view is shareable and back-button safe. Pure; used by pages and UI primitives.
 */
export type SearchParams = Record<string, string | string[] | undefined>;
/** The normalised query of a list view: only set keys, single values. */
export type Query = Record<string, string>;

export function toQuery(sp: SearchParams): Query {
  const q: Query = {};
  for (const [k, v] of Object.entries(sp)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined && one !== "") q[k] = one;
  }
  return q;
}

/** `hrefWith("/rooms", q, { plaintext: "1", page: undefined })`: changes applied, undefined removes. */
export function hrefWith(path: string, q: Query, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  const merged: Record<string, string | undefined> = { ...q, ...changes };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") next.set(k, v);
  const s = next.toString();
  return s ? `${path}?${s}` : path;
}

/** A value from a closed set, or the fallback: URL input is never trusted. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** page (1-based) and pageSize from the URL, clamped. */
export function readPaging(q: Query): { page: number; pageSize: number } {
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(q.page ?? "1", 10) || 1));
  const size = Number.parseInt(q.size ?? "50", 10);
  return { page, pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50 };
}

export const isOn = (q: Query, key: string): boolean => q[key] === "1";
