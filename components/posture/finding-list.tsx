import { Link } from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { SeverityBadge, type SeverityName } from "@/components/ui/severity-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { DetailText } from "@/components/ui/detail-text";

interface Row {
  id: string;
  check: string;
  severity: SeverityName;
  status: "open" | "resolved" | "accepted";
  detail: string;
  lastSeenAt: Date;
}

/** A compact list of one subject's findings (room, device…), each linking to its detail. */
export function FindingList({ findings, empty = "No findings for this subject." }: { findings: Row[]; empty?: string }) {
  if (findings.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {findings.map((f) => (
        <li key={f.id} className="flex flex-wrap items-center gap-2 py-1.5 text-sm">
          <SeverityBadge severity={f.severity} />
          {f.status !== "open" && (
            <Badge tone={f.status === "resolved" ? "ok" : "neutral"} icon={f.status === "resolved" ? "check" : "clock"}>
              {f.status}
            </Badge>
          )}
          <Link href={`/findings/${f.id}`} className="mono hover:underline">
            {f.check}
          </Link>
          <span className="min-w-0 flex-1 text-zinc-700 dark:text-zinc-300">
            <DetailText text={f.detail} />
          </span>
          <span className="text-xs text-zinc-500">
            last seen <TimeAgo at={f.lastSeenAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
