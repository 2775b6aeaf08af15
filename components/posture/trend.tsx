/**
 * Findings per scan as a small inline SVG chart (no chart library), with its axes: the count on the left
 * (0 and the highest), the first and last scan's UTC time along the bottom. Shown once there are two points;
 * each point's time and count are on hover, and the figure's caption says the same in words.
 */
export function FindingsTrend({ points }: { points: { id: string; at: string; findings: number }[] }) {
  if (points.length < 2) return null;
  const w = 300;
  const h = 80;
  const left = 26; // room for the count labels
  const bottom = 14; // room for the dates
  const max = Math.max(1, ...points.map((p) => p.findings));
  const x = (i: number) => left + 4 + (i / (points.length - 1)) * (w - left - 8);
  const y = (v: number) => 4 + (1 - v / max) * (h - bottom - 8);
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.findings).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const utc = (at: string) => at.slice(0, 16).replace("T", " ");
  const label = `Findings over the last ${points.length} scans, ${utc(first.at)} to ${utc(last.at)} UTC`;
  return (
    <figure className="flex flex-wrap items-center gap-3">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        width={w}
        height={h}
        role="img"
        aria-label={`${label}: from ${first.findings} to ${last.findings}`}
        className="max-w-full text-sky-700 dark:text-sky-400"
        data-chart="findings-trend"
      >
        <g data-axis="y">
          {[0, max].map((v) => (
            <g key={v}>
              <line x1={left} x2={w} y1={y(v)} y2={y(v)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
              <text x={left - 4} y={y(v) + 3} textAnchor="end" className="fill-zinc-500 text-[9px]">
                {v}
              </text>
            </g>
          ))}
        </g>
        <g data-axis="x">
          <line x1={left} x2={w} y1={h - bottom} y2={h - bottom} className="stroke-zinc-300 dark:stroke-zinc-700" strokeWidth={1} />
          <text x={left} y={h - 3} className="fill-zinc-500 text-[9px]">
            {utc(first.at)}
          </text>
          <text x={w} y={h - 3} textAnchor="end" className="fill-zinc-500 text-[9px]">
            {utc(last.at)} UTC
          </text>
        </g>
        <path d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" />
        {points.map((p, i) => (
          <circle key={p.id} cx={x(i)} cy={y(p.findings)} r={2.5} fill="currentColor">
            <title>{`${utc(p.at)} UTC: ${p.findings} findings`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Findings per scan, last {points.length}: {first.findings} → {last.findings}
      </figcaption>
    </figure>
  );
}
