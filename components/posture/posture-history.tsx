import type { PosturePoint } from "@/lib/posture/history";

const AREAS = [
  { key: "overall", label: "Overall", className: "text-sky-700 dark:text-sky-400", dash: undefined },
  { key: "matrix", label: "Matrix", className: "text-violet-700 dark:text-violet-400", dash: "4 3" },
  { key: "mesh", label: "Mesh", className: "text-teal-700 dark:text-teal-400", dash: "1 3" },
] as const;

const valueOf = (p: PosturePoint, key: (typeof AREAS)[number]["key"]) => (key === "overall" ? p.overall : (p.areas[key] ?? null));

/**
 * Posture score (0–100, coverage weighted by severity) per area and overall,
 * latest value as numbers and history as an inline SVG chart. Lines differ by
 * dash pattern as well as colour; the numbers are the accessible reading.
 */
export function PostureHistory({ points }: { points: PosturePoint[] }) {
  const latest = points[points.length - 1];
  if (!latest) return null;
  const w = 360;
  const h = 90;
  const x = (i: number) => (points.length < 2 ? w / 2 : (i / (points.length - 1)) * (w - 8) + 4);
  const y = (v: number) => h - 4 - (v / 100) * (h - 8);
  return (
    <section aria-labelledby="posture-title" className="card mb-5 flex flex-wrap items-center justify-between gap-4">
      <div>
        <h2 id="posture-title" className="text-sm font-semibold">Posture score</h2>
        <dl className="mt-2 flex gap-5">
          {AREAS.map((a) => {
            const v = valueOf(latest, a.key);
            return (
              <div key={a.key}>
                <dt className="text-xs text-zinc-500">{a.label}</dt>
                <dd className={`text-2xl font-semibold tabular-nums ${a.className}`}>{v === null ? "—" : Math.round(v)}</dd>
              </div>
            );
          })}
        </dl>
        <p className="mt-1 text-xs text-zinc-500">Share of checks passed, weighted by severity; 100 is every examined subject passing.</p>
      </div>
      {points.length >= 2 && (
        <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={`Posture score over the last ${points.length} scans`}>
          <line x1={0} x2={w} y1={y(100)} y2={y(100)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
          <line x1={0} x2={w} y1={y(50)} y2={y(50)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
          {AREAS.map((a) => {
            const d = points
              .map((p, i) => ({ v: valueOf(p, a.key), i }))
              .filter((p): p is { v: number; i: number } => p.v !== null)
              .map((p, j) => `${j === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
              .join(" ");
            return <path key={a.key} d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray={a.dash} className={a.className} />;
          })}
        </svg>
      )}
    </section>
  );
}
