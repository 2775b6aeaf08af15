import type { LatestSnapshot } from "@/lib/views/latest-snapshot";
import { TimeAgo } from "@/components/ui/time-ago";

/** Says when a list is not the whole truth: the auditor is not a server admin, or the snapshot is partial. */
export function PartialBanner({ snapshot, what }: { snapshot: LatestSnapshot; what: string }) {
  const reasons: string[] = [];
  if (snapshot.matrixView === "member") reasons.push(`the auditor account is not a server admin, so only ${what} it has joined are listed`);
  if (snapshot.status === "partial") reasons.push("the last scan was partial (see its errors on the Overview)");
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {reasons.length > 0 ? (
        <p
          role="note"
          className="w-full rounded-md border border-medium/40 bg-medium/10 px-3 py-2 text-sm text-medium dark:border-yellow-400/40 dark:text-yellow-200"
        >
          <strong>Partial view:</strong> {reasons.join("; ")}.
        </p>
      ) : null}
      <span>
        As of the scan <TimeAgo at={snapshot.takenAt} />.
      </span>
    </div>
  );
}
