import { Link } from "@/components/ui/link";
import { checkById } from "@/lib/rules/catalogue";
import { TimeAgo } from "@/components/ui/time-ago";
import { DetailText } from "@/components/ui/detail-text";

interface Row {
  id: string;
  check: string;
  severity: string;
  status: string;
  detail: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const SEV_TONE: Record<string, string> = {
  critical: "text-red-800 dark:text-red-300",
  high: "text-orange-800 dark:text-orange-300",
  medium: "text-amber-800 dark:text-amber-300",
  low: "text-blue-800 dark:text-blue-300",
};

/** Every finding recorded on this endpoint, open first; titles come from the check catalogue. */
export function EndpointFindings({ findings, now }: { findings: Row[]; now: Date }) {
  if (findings.length === 0)
    return <p className="text-sm text-zinc-500">No finding has ever been recorded on this endpoint: every check passed.</p>;
  return (
    <ul className="card flex flex-col divide-y divide-zinc-100 p-0 dark:divide-zinc-800">
      {findings.map((f) => (
        <li key={f.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <span className={`w-16 text-xs font-semibold uppercase ${SEV_TONE[f.severity] ?? ""}`}>{f.severity}</span>
          <span
            className={`rounded border px-1.5 text-xs ${f.status === "open" ? "border-zinc-400 font-medium" : "border-zinc-200 text-zinc-500 dark:border-zinc-700"}`}
          >
            {f.status}
          </span>
          <Link href={`/findings/${f.id}`} className="font-medium hover:underline">
            {checkById.get(f.check)?.meta.title ?? f.check}
          </Link>
          <span className="mono text-zinc-500">{f.check}</span>
          <span className="basis-full text-zinc-600 dark:text-zinc-400" title={f.detail}>
            <DetailText text={f.detail} />
          </span>
          <span className="basis-full text-xs text-zinc-500">
            first seen <TimeAgo at={f.firstSeenAt} now={now} />, last seen <TimeAgo at={f.lastSeenAt} now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
}
