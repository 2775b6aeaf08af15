/** "in 3 h" / "2 d ago" with the exact UTC time on hover. Server-rendered, so no hydration drift. */
export function When({ at, now = new Date() }: { at: Date | string | null | undefined; now?: Date }) {
  if (!at) return <span className="text-zinc-500">—</span>;
  const d = typeof at === "string" ? new Date(at) : at;
  const utc = d.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  return (
    <time dateTime={d.toISOString()} title={utc} className="whitespace-nowrap">
      {relative(d.getTime() - now.getTime())}
    </time>
  );
}

export function relative(ms: number): string {
  const past = ms < 0;
  const a = Math.abs(ms);
  const min = a / 60e3;
  const text =
    min < 1 ? "under a minute" : min < 60 ? `${Math.round(min)} min` : min < 48 * 60 ? `${Math.round(min / 6) / 10} h` : `${Math.round(min / 1440)} d`;
  return past ? `${text} ago` : `in ${text}`;
}

export const utcText = (d: Date | string) => new Date(d).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
