/** "3 h ago" for a past instant (or "in 5 h" for a future one). Pure, so server and client agree. */
export function formatAgo(at: Date, now: Date = new Date()): string {
  const s = Math.round((now.getTime() - at.getTime()) / 1000);
  const abs = Math.abs(s);
  const [n, unit] =
    abs < 60
      ? [abs, "s"]
      : abs < 3600
        ? [Math.floor(abs / 60), "min"]
        : abs < 86400
          ? [Math.floor(abs / 3600), "h"]
          : [Math.floor(abs / 86400), "d"];
  if (abs < 10) return "just now";
  return s >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** Exact UTC, e.g. "2026-11-22 00:12:55 UTC": what the hover shows and what evidence quotes. */
export const formatUtc = (at: Date): string => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
