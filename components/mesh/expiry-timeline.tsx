import { Link } from "@/components/ui/link";
import type { CertStatus } from "@/lib/scan/mesh-rows";
import { CertStatusBadge, CERT_LOOK } from "./status-badge";
import { makeScale, WINDOWS, type WindowKey } from "./timeline-scale";
import { formatUtc } from "@/components/ui/time-ago";
import { certificateHref } from "@/lib/views/subject-href";

export interface TimelineCert {
  fingerprint: string;
  subject: string;
  spiffeId: string | null;
  sources: string[];
  notBefore: Date;
  notAfter: Date;
  status: CertStatus;
}

const FILL: Record<CertStatus, string> = {
  valid: "fill-green-600 dark:fill-green-500",
  expiring: "fill-amber-500 dark:fill-amber-400",
  expired: "fill-red-700 dark:fill-red-500",
  untrusted: "fill-red-700 dark:fill-red-500",
};
const ROW = 24;
const TOP = 28;
const [LABEL_W, BAR_X0, BAR_X1, WIDTH] = [220, 230, 890, 1000];
const MAX_ROWS = 60;

/** Short, readable name for a bar: the SPIFFE path's last part, else the subject. Full text is in the <title>. */
const nameOf = (c: TimelineCert) => c.spiffeId?.split("/").pop() || c.subject.replace(/^.*CN=/, "") || c.fingerprint.slice(0, 12);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const sourceText = (s: string) => s.replace(/^endpoint:/, "").replace(/^file:.*\//, "file ");

/**
 * One bar per certificate from notBefore to notAfter, "now" marked, coloured
 * *and* labelled by status (untrusted is hatched so it differs from expired
 * without colour). The table below is the same data for screen readers and print.
 */
export function ExpiryTimeline({
  certs,
  now,
  windowKey,
  hrefFor,
}: {
  certs: TimelineCert[];
  now: Date;
  windowKey: WindowKey;
  hrefFor: (w: WindowKey) => string;
}) {
  const rows = certs.slice(0, MAX_ROWS);
  const scale = makeScale(now.getTime(), windowKey, BAR_X0, BAR_X1);
  const height = TOP + rows.length * ROW + 8;
  const nowX = scale.x(now.getTime());
  const counts = (Object.keys(CERT_LOOK) as CertStatus[]).map(
    (s) => `${certs.filter((c) => c.status === s).length} ${CERT_LOOK[s].word.toLowerCase()}`,
  );
  const label = `Certificate validity timeline, ${certs.length} certificates: ${counts.join(", ")}. Window ${WINDOWS[windowKey].label} around now.`;

  return (
    <figure className="card overflow-x-auto">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-semibold">Certificate expiry timeline</figcaption>
        <nav aria-label="Timeline window" className="flex gap-1 text-xs">
          {(Object.keys(WINDOWS) as WindowKey[]).map((k) => (
            <Link
              key={k}
              href={hrefFor(k)}
              scroll={false}
              aria-current={k === windowKey ? "true" : undefined}
              className={`rounded border px-2 py-0.5 ${k === windowKey ? "border-sky-700 bg-sky-700 text-white" : "border-zinc-300 dark:border-zinc-700"}`}
            >
              {WINDOWS[k].label}
            </Link>
          ))}
        </nav>
      </div>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full min-w-[640px] text-zinc-700 dark:text-zinc-300"
        style={{ height: "auto" }}
      >
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" className="stroke-white/70 dark:stroke-zinc-900/70" strokeWidth="3" />
          </pattern>
        </defs>
        {scale.ticks.map((t) => (
          <g key={t.t}>
            <line x1={scale.x(t.t)} x2={scale.x(t.t)} y1={TOP - 6} y2={height} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={scale.x(t.t)} y={TOP - 10} textAnchor="middle" className="fill-current text-[10px]">
              {t.label}
            </text>
          </g>
        ))}
        {rows.map((c, i) => {
          const y = TOP + i * ROW;
          const from = c.notBefore.getTime();
          const to = c.notAfter.getTime();
          const x1 = scale.x(from);
          const x2 = Math.max(scale.x(to), x1 + 2); // a cert outside the window still shows as a sliver at its edge
          const title = `${c.subject}\n${c.sources.map(sourceText).join(", ")}\n${formatUtc(new Date(c.notBefore))} → ${formatUtc(new Date(c.notAfter))}\n${CERT_LOOK[c.status].word}`;
          return (
            <g key={c.fingerprint}>
              <title>{title}</title>
              <text x={LABEL_W} y={y + 15} textAnchor="end" className="fill-current text-[11px]">
                {clip(nameOf(c), 30)}
              </text>
              <rect x={x1} y={y + 4} width={x2 - x1} height={ROW - 8} rx={3} className={FILL[c.status]} />
              {c.status === "untrusted" && <rect x={x1} y={y + 4} width={x2 - x1} height={ROW - 8} rx={3} fill="url(#hatch)" />}
              {from < scale.start && (
                <text x={BAR_X0 - 2} y={y + 15} textAnchor="end" className="fill-current text-[10px]">
                  ◂
                </text>
              )}
              {to > scale.end && (
                <text x={BAR_X1 + 2} y={y + 15} className="fill-current text-[10px]">
                  ▸
                </text>
              )}
              <text x={BAR_X1 + 12} y={y + 15} className="fill-current text-[11px] font-medium">
                {CERT_LOOK[c.status].word}
              </text>
            </g>
          );
        })}
        <line
          x1={nowX}
          x2={nowX}
          y1={TOP - 4}
          y2={height}
          className="stroke-sky-600 dark:stroke-sky-400"
          strokeWidth={2}
          strokeDasharray="4 3"
        />
        <text x={nowX + 4} y={height - 2} className="fill-sky-700 text-[10px] font-semibold dark:fill-sky-300">
          now
        </text>
      </svg>
      <p className="mt-1 text-xs text-zinc-500">
        Times in UTC. ◂ ▸ mark certificates that start or end outside the window; hover a bar for exact dates.
        {certs.length > MAX_ROWS && ` Showing the ${MAX_ROWS} that expire first of ${certs.length}.`}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-xs font-medium text-zinc-600 dark:text-zinc-400">Same data as a table</summary>
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="text-zinc-500">
              <th className="py-1 pr-2">Certificate</th>
              <th className="pr-2">Where</th>
              <th className="pr-2">Not before (UTC)</th>
              <th className="pr-2">Not after (UTC)</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {certs.map((c) => (
              <tr key={c.fingerprint} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="max-w-64 truncate py-1 pr-2" title={c.subject}>
                  <Link href={certificateHref(c.fingerprint)} className="hover:underline">
                    {c.subject}
                  </Link>
                </td>
                <td className="max-w-48 truncate pr-2 mono" title={c.sources.join(", ")}>
                  {c.sources.map(sourceText).join(", ")}
                </td>
                <td className="pr-2 mono whitespace-nowrap">{formatUtc(new Date(c.notBefore))}</td>
                <td className="pr-2 mono whitespace-nowrap">{formatUtc(new Date(c.notAfter))}</td>
                <td>
                  <CertStatusBadge status={c.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
