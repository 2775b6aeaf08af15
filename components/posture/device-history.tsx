import type { ReactNode } from "react";
import { formatUtc, TimeAgo } from "@/components/ui/time-ago";
import type { DeviceHistory } from "@/lib/views/device-view";

/** First seen, last seen and how many scans held the subject: the head of every subject page's history. */
export function SeenSummary({
  firstSeen,
  lastSeen,
  scans,
}: {
  firstSeen?: string | Date | null;
  lastSeen?: string | Date | null;
  scans: ReactNode;
}) {
  return (
    <dl className="mb-3 grid grid-cols-1 gap-3 text-sm md:grid-cols-3">
      <div>
        <dt className="text-xs text-zinc-500">First seen</dt>
        <dd data-testid="first-seen">{firstSeen ? <TimeAgo at={firstSeen} /> : "never"}</dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500">Last seen</dt>
        <dd data-testid="last-seen">{lastSeen ? <TimeAgo at={lastSeen} /> : "never"}</dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500">Scans</dt>
        <dd>{scans}</dd>
      </div>
    </dl>
  );
}

/** The changes the scans recorded, newest first, each at its live relative time (UTC on hover). */
export function HistoryEvents({
  label,
  events,
}: {
  label: string;
  events: readonly { snapshotId: string; at: Date; kind: string; text: string }[];
}) {
  if (events.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes recorded.</p>;
  return (
    <ol aria-label={label} className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {events.map((e, i) => (
        <li key={`${e.snapshotId}-${i}`} data-kind={e.kind} className="flex flex-wrap gap-x-3 py-1.5 text-sm">
          <span className="mono w-44 shrink-0 text-xs text-zinc-500" title={formatUtc(e.at)}>
            <TimeAgo at={e.at} />
          </span>
          <span className="min-w-0 flex-1 break-words">{e.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** First and last seen, then each change the scans recorded, newest first. */
export function DeviceHistoryList({ history }: { history: DeviceHistory }) {
  return (
    <>
      <SeenSummary
        firstSeen={history.firstSeen}
        lastSeen={history.lastSeen}
        scans={`seen by ${history.seenIn} of the ${history.scansRead} latest scans`}
      />
      <HistoryEvents label="Device history" events={history.events} />
    </>
  );
}
