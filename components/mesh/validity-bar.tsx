import { formatAgo, formatUtc } from "@/components/ui/time-ago";

/**
 * notBefore → notAfter as a bar with "now" marked. Scaled to the certificate's
 * own lifetime (not a shared axis): the question here is "how far through its
 * life is it", the Mesh timeline answers "which expires first".
 */
export function ValidityBar({ notBefore, notAfter, now }: { notBefore: string; notAfter: string; now: Date }) {
  const from = Date.parse(notBefore);
  const to = Date.parse(notAfter);
  const t = now.getTime();
  const share = to > from ? Math.min(1, Math.max(0, (t - from) / (to - from))) : 1;
  const state = t < from ? "not yet valid" : t >= to ? "expired" : "valid";
  const fill = state === "valid" ? (share > 0.8 ? "bg-amber-500" : "bg-green-600") : "bg-red-700";
  // "valid, expires in 23 h" / "expired 1 h ago" / "not yet valid, expires in 30 d"
  const when = t < to ? `${state}, expires ${formatAgo(new Date(to), now)}` : `expired ${formatAgo(new Date(to), now)}`;
  const label = `Valid from ${formatUtc(new Date(notBefore))} to ${formatUtc(new Date(notAfter))}; ${when}`;
  return (
    <div>
      <div role="img" aria-label={label} className="relative h-3 rounded bg-zinc-200 dark:bg-zinc-800">
        <div className={`h-3 rounded ${fill}`} style={{ width: `${share * 100}%` }} />
        <div className="absolute -top-1 h-5 w-0.5 bg-sky-600 dark:bg-sky-400" style={{ left: `calc(${share * 100}% - 1px)` }} title="now" />
      </div>
      <div className="mt-1 flex justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="mono">{formatUtc(new Date(notBefore))}</span>
        <span className="font-medium">now · {when}</span>
        <span className="mono">{formatUtc(new Date(notAfter))}</span>
      </div>
    </div>
  );
}
