import { LiveTime } from "./live-time";
import { formatAgo } from "./time-format";

export { formatAgo, formatUtc } from "./time-format";

/**
 * `<TimeAgo at={date} />`: human time with the exact UTC time on hover, kept live in the browser.
 * Accepts Date, ISO string or epoch ms; renders "—" for nothing. `now` only sets the first paint
 * (the request's instant, so one page agrees with itself); the browser's clock takes over after.
 */
export function TimeAgo({ at, now }: { at: Date | string | number | null | undefined; now?: Date }) {
  if (at === null || at === undefined) return <span className="text-zinc-500">—</span>;
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return <span className="text-zinc-500">—</span>;
  return <LiveTime iso={date.toISOString()} initial={formatAgo(date, now)} />;
}
