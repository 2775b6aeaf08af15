import { Link } from "@/components/ui/link";
import { formatUtc } from "@/components/ui/time-ago";
import type { PosturePoint } from "@/lib/posture/history";
import { bandOf, SCORE_CAP, SCORE_FORMULA, type ScoreBand } from "@/lib/posture/score";
import type { CurrentPosture } from "@/lib/views/posture";

const AREAS = [
  { key: "overall", label: "Overall", line: "text-zinc-800 dark:text-zinc-200", dash: undefined },
  { key: "matrix", label: "Matrix", line: "text-violet-700 dark:text-violet-400", dash: "4 3" },
  { key: "mesh", label: "Mesh", line: "text-teal-700 dark:text-teal-400", dash: "1 3" },
  { key: "homeserver", label: "Homeserver", line: "text-sky-700 dark:text-sky-400", dash: "6 2 1 2" },
  { key: "registry", label: "Registry", line: "text-amber-700 dark:text-amber-400", dash: "2 2" },
] as const;
type AreaKey = (typeof AREAS)[number]["key"];

const valueOf = (p: Pick<PosturePoint, "overall" | "areas">, key: AreaKey) => (key === "overall" ? p.overall : (p.areas[key] ?? null));

/** Colour AND a word, never colour alone. */
const BAND: Record<ScoreBand, { word: string; className: string }> = {
  red: { word: "critical open", className: "text-red-700 dark:text-red-400" },
  amber: { word: "needs attention", className: "text-amber-700 dark:text-amber-400" },
  green: { word: "healthy", className: "text-green-700 dark:text-green-400" },
};

function ScoreValue({ value, label }: { value: number | null; label: string }) {
  if (value === null)
    return (
      <dd className="text-2xl font-semibold text-zinc-500" title="Nothing in this area was examined">
        —
      </dd>
    );
  const band = BAND[bandOf(value)];
  return (
    <dd
      className={`text-2xl font-semibold tabular-nums ${band.className}`}
      title={SCORE_FORMULA}
      aria-label={`${label} ${value}: ${band.word}`}
    >
      {value}
      <span className="ml-1 text-xs font-medium">{band.word}</span>
    </dd>
  );
}

function Chart({ points }: { points: PosturePoint[] }) {
  const w = 420;
  const h = 120;
  const left = 28;
  const bottom = 18;
  const x = (i: number) => left + (points.length < 2 ? (w - left) / 2 : (i / (points.length - 1)) * (w - left - 8));
  const y = (v: number) => 4 + (1 - v / 100) * (h - bottom - 8);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      width={w}
      height={h}
      role="img"
      className="max-w-full"
      aria-label={`Posture score over the last ${points.length} scans, ${day(first.at)} to ${day(last.at)} UTC`}
    >
      {[0, SCORE_CAP.critical + 1, SCORE_CAP.high + 1, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={w} y1={y(v)} y2={y(v)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
          <text x={left - 4} y={y(v) + 3} textAnchor="end" className="fill-zinc-500 text-[9px]">
            {v}
          </text>
        </g>
      ))}
      <text x={left} y={h - 4} className="fill-zinc-500 text-[9px]">
        {day(first.at)}
      </text>
      <text x={w} y={h - 4} textAnchor="end" className="fill-zinc-500 text-[9px]">
        {day(last.at)} UTC
      </text>
      {AREAS.map((a) => {
        const d = points
          .map((p, i) => ({ v: valueOf(p, a.key), i }))
          .filter((p): p is { v: number; i: number } => p.v !== null)
          .map((p, j) => `${j === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
          .join(" ");
        return d ? (
          <path key={a.key} d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray={a.dash} className={a.line} />
        ) : null;
      })}
      {points.map((p, i) => (
        <circle key={p.scanId} cx={x(i)} cy={y(p.overall ?? 0)} r={2.5} className="fill-zinc-800 dark:fill-zinc-200">
          <title>{`${formatUtc(p.at)}: overall ${p.overall ?? "—"}`}</title>
        </circle>
      ))}
    </svg>
  );
}

/**
 * The posture score as it stands (open findings by severity; formula on hover) per area and overall, beside
 * the control matrix's verdicts for the same state, and the history as a chart with axes and dates.
 */
export function PostureHistory({ current, points }: { current: CurrentPosture | null; points: PosturePoint[] }) {
  if (!current) return null;
  const { score, controls, controlTotal } = current;
  const shown = AREAS.filter((a) => a.key === "overall" || a.key in score.areas);
  const open = score.open;
  return (
    <section aria-labelledby="posture-title" className="card mb-5 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h2 id="posture-title" className="text-sm font-semibold">
          Posture score{" "}
          <span className="cursor-help text-xs font-normal text-zinc-500 underline decoration-dotted" title={SCORE_FORMULA}>
            how it is computed
          </span>
        </h2>
        <dl className="mt-2 flex flex-wrap gap-5" data-testid="posture-score">
          {shown.map((a) => (
            <div key={a.key}>
              <dt className="text-xs text-zinc-500">{a.label}</dt>
              <ScoreValue value={valueOf(score, a.key)} label={a.label} />
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          From the open findings:{" "}
          <Link className="underline" href="/findings?severity=critical">
            {open.critical} critical
          </Link>
          ,{" "}
          <Link className="underline" href="/findings?severity=high">
            {open.high} high
          </Link>
          ,{" "}
          <Link className="underline" href="/findings?severity=medium">
            {open.medium} medium
          </Link>
          ,{" "}
          <Link className="underline" href="/findings?severity=low">
            {open.low} low
          </Link>
          {score.unknown > 0 && <>; {score.unknown} results could not be decided</>}.
        </p>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="control-summary">
          <Link className="underline" href="/evidence">
            Controls
          </Link>
          : {controls.satisfied} of {controlTotal} satisfied, {controls.failing} failing, {controls.exceptions} with exceptions,{" "}
          {controls.incomplete} partly assessed, {controls["not-assessed"]} not assessed.
        </p>
      </div>
      {points.length >= 2 && <Chart points={points} />}
    </section>
  );
}
