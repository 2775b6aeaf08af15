import { Badge, type BadgeTone } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Scan } from "@/lib/db";
import { FindingsTrend } from "./trend";
import { ScanNow } from "./scan-now";

const STALE_MS = 24 * 3600_000;
const STATUS: Record<Scan["status"], { tone: BadgeTone; icon: string; word: string }> = {
  running: { tone: "neutral", icon: "clock", word: "running" },
  complete: { tone: "ok", icon: "check", word: "complete" },
  partial: { tone: "medium", icon: "finding", word: "partial" },
  failed: { tone: "critical", icon: "cross", word: "failed" },
};

interface ScanError {
  source?: string;
  scope?: string;
  message?: string;
}
const errorsOf = (scan: Scan): ScanError[] => (Array.isArray(scan.errors) ? (scan.errors as ScanError[]) : []);

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** When the last scan ran, how long, whether it was complete (and why not), stale or not — and "Scan now". */
export function LastScan({
  scan,
  trend,
  canScan,
  now = new Date(),
}: {
  scan: Scan | null;
  trend: { id: string; at: string; findings: number }[];
  canScan: boolean;
  now?: Date;
}) {
  const status = scan ? STATUS[scan.status] : null;
  const stale = scan && scan.status !== "running" && now.getTime() - (scan.finishedAt ?? scan.startedAt).getTime() > STALE_MS;
  const errors = scan ? errorsOf(scan) : [];
  return (
    <section aria-labelledby="last-scan" className="card mb-5 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 flex-1">
        <h2 id="last-scan" className="text-sm font-semibold">
          Last scan
        </h2>
        {scan && status ? (
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={status.tone} icon={status.icon}>
              {status.word}
            </Badge>
            <span>
              started <TimeAgo at={scan.startedAt} now={now} />
              {scan.finishedAt && <> · took {duration(scan.finishedAt.getTime() - scan.startedAt.getTime())}</>}
              {scan.trigger && <> · {scan.trigger}</>}
            </span>
            {stale && (
              <Badge tone="high" icon="clock" title="Older than 24 hours">
                stale: older than 24 h
              </Badge>
            )}
          </div>
        ) : (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">No scan yet. Run one to see the posture.</p>
        )}
        {errors.length > 0 && (
          <details className="mt-2 text-sm" open={scan?.status === "failed"}>
            <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">
              {errors.length} error(s): why the scan is {status?.word}
            </summary>
            <ul className="mt-1 list-disc pl-5 text-xs text-zinc-600 dark:text-zinc-400">
              {errors.slice(0, 20).map((e, i) => (
                <li key={i}>
                  <span className="font-medium">{e.source ?? "?"}</span> <span className="mono">{e.scope}</span>: {e.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="mt-3">
          <FindingsTrend points={trend} />
        </div>
      </div>
      <ScanNow runningScanId={scan?.status === "running" ? scan.id : null} canScan={canScan} />
    </section>
  );
}
