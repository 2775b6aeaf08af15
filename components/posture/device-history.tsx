import { formatUtc, TimeAgo } from "@/components/ui/time-ago";
import type { DeviceHistory } from "@/lib/views/device-view";

/** First and last seen, then each change the scans recorded, newest first. */
export function DeviceHistoryList({ history }: { history: DeviceHistory }) {
  return (
    <>
      <dl className="mb-3 grid grid-cols-1 gap-3 text-sm md:grid-cols-3">
        <div>
          <dt className="text-xs text-zinc-500">First seen</dt>
          <dd data-testid="first-seen">{history.firstSeen ? <TimeAgo at={history.firstSeen} /> : "never"}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Last seen</dt>
          <dd data-testid="last-seen">{history.lastSeen ? <TimeAgo at={history.lastSeen} /> : "never"}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Scans</dt>
          <dd>
            seen by {history.seenIn} of the {history.scansRead} latest scans
          </dd>
        </div>
      </dl>
      {history.events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes recorded.</p>
      ) : (
        <ol aria-label="Device history" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {history.events.map((e, i) => (
            <li key={`${e.snapshotId}-${i}`} data-kind={e.kind} className="flex flex-wrap gap-x-3 py-1.5 text-sm">
              <span className="mono w-44 shrink-0 text-xs text-zinc-500" title={formatUtc(e.at)}>
                <TimeAgo at={e.at} />
              </span>
              <span className="min-w-0 flex-1 break-words">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
