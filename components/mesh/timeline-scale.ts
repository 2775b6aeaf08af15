/** Time → x for the expiry timeline, and tick marks a person can read. Pure. */
const H = 3600e3;
const D = 24 * H;

export const WINDOWS = {
  "48h": { label: "48 h", before: 24 * H, after: 48 * H },
  "14d": { label: "14 days", before: 2 * D, after: 14 * D },
  "1y": { label: "1 year", before: 30 * D, after: 365 * D },
} as const;
export type WindowKey = keyof typeof WINDOWS;
export const parseWindow = (v: unknown): WindowKey => (typeof v === "string" && v in WINDOWS ? (v as WindowKey) : "48h");

const STEPS = [H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 30 * D, 90 * D];

export interface Scale {
  start: number;
  end: number;
  x(t: number): number;
  ticks: { t: number; label: string }[];
}

/** A window around now (not min..max of all certs: one 10-year CA would squash every 24 h leaf to a sliver). */
export function makeScale(now: number, key: WindowKey, x0: number, x1: number): Scale {
  const w = WINDOWS[key];
  const start = now - w.before;
  const end = now + w.after;
  const x = (t: number) => x0 + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * (x1 - x0);
  const step = STEPS.find((s) => (end - start) / s <= 8) ?? 365 * D;
  const ticks: { t: number; label: string }[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push({ t, label: tickLabel(t, step) });
  return { start, end, x, ticks };
}

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  const day = d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  if (step >= D) return day;
  const hh = `${String(d.getUTCHours()).padStart(2, "0")}:00`;
  return d.getUTCHours() === 0 ? day : hh;
}
