/**
 * Findings per scan as a small inline SVG line (no chart library). Shown once
 * there are two points; the table beside it is the accessible version.
 */
export function FindingsTrend({ points }: { points: { id: string; at: string; findings: number }[] }) {
  if (points.length < 2) return null;
  const w = 240;
  const h = 48;
  const max = Math.max(1, ...points.map((p) => p.findings));
  const x = (i: number) => (i / (points.length - 1)) * (w - 8) + 4;
  const y = (v: number) => h - 4 - (v / max) * (h - 8);
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.findings).toFixed(1)}`).join(" ");
  const first = points[0]?.findings ?? 0;
  const last = points[points.length - 1]?.findings ?? 0;
  return (
    <figure className="flex items-center gap-3">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        width={w}
        height={h}
        role="img"
        aria-label={`Findings over the last ${points.length} scans: from ${first} to ${last}`}
        className="text-sky-700 dark:text-sky-400"
      >
        <path d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" />
        {points.map((p, i) => (
          <circle key={p.id} cx={x(i)} cy={y(p.findings)} r={2.5} fill="currentColor">
            <title>{`${p.at.slice(0, 16).replace("T", " ")} UTC: ${p.findings} findings`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Findings per scan, last {points.length}: {first} → {last}
      </figcaption>
    </figure>
  );
}
