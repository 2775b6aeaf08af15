import { Link } from "@/components/ui/link";
import { SeverityBadge, type SeverityName } from "@/components/ui/severity-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { DetailText } from "@/components/ui/detail-text";

const ORDER: SeverityName[] = ["critical", "high", "medium", "low", "info"];

interface NewestFinding {
  id: string;
  check: string;
  severity: SeverityName;
  subjectLabel: string | null;
  subjectId: string;
  detail: string;
  firstSeenAt: Date;
}

/** Open findings by severity, critical first, and the newest critical/high ones to act on first. */
export function SeveritySummary({ bySeverity, newest }: { bySeverity: Record<SeverityName, number>; newest: NewestFinding[] }) {
  return (
    <section aria-labelledby="open-findings" className="card mb-5">
      <h2 id="open-findings" className="text-sm font-semibold">
        Open findings
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {ORDER.map((s) => (
          <li key={s}>
            <Link
              href={`/findings?severity=${s}`}
              className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-1.5 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800"
            >
              <SeverityBadge severity={s} />
              <span className="text-lg font-semibold tabular-nums">{bySeverity[s]}</span>
            </Link>
          </li>
        ))}
      </ul>
      <h3 className="mt-4 text-xs font-medium uppercase tracking-wide text-zinc-500">Newest critical and high</h3>
      {newest.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">None open.</p>
      ) : (
        <ul className="mt-1 divide-y divide-zinc-100 dark:divide-zinc-800">
          {newest.map((f) => (
            <li key={f.id} className="flex items-center gap-3 py-1.5 text-sm">
              <SeverityBadge severity={f.severity} />
              <Link href={`/findings/${f.id}`} className="mono shrink-0 hover:underline">
                {f.check}
              </Link>
              <Truncated text={f.subjectLabel ?? f.subjectId} className="max-w-[14rem]" />
              <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400" title={f.detail}>
                <DetailText text={f.detail} />
              </span>
              <span className="text-xs text-zinc-500">
                first seen <TimeAgo at={f.firstSeenAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
