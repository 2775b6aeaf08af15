import { formatUtc } from "@/components/ui/time-ago";

export interface VersionRow {
  id: string;
  createdAt: Date;
  createdBy: string;
  source: string;
  sha256: string;
  active: boolean;
  /** When given, each entry opens to show it (policy keeps a diff per version). */
  diff?: string | null;
}

function Summary({ v }: { v: VersionRow }) {
  return (
    <>
      {formatUtc(v.createdAt)} — {v.source} — {v.createdBy}
      {v.active && (
        <span className="ml-2 rounded bg-green-100 px-1.5 text-xs text-green-900 dark:bg-green-900 dark:text-green-100">in force</span>
      )}
      <span className="mono ml-2 text-xs text-zinc-500">{v.sha256.slice(0, 12)}</span>
    </>
  );
}

/** The History card of a versioned YAML document (policy, registry), newest first. */
export function VersionHistory({ titleId, versions }: { titleId: string; versions: VersionRow[] }) {
  return (
    <section aria-labelledby={titleId} className="card">
      <h2 id={titleId} className="mb-3 text-base font-semibold">
        History
      </h2>
      {versions.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No versions yet.</p>
      ) : (
        <ol className="flex flex-col gap-2 text-sm">
          {versions.map((v) => (
            <li key={v.id}>
              {v.diff === undefined ? (
                <Summary v={v} />
              ) : (
                <details>
                  <summary className="cursor-pointer">
                    <Summary v={v} />
                  </summary>
                  <pre className="mono mt-1 max-h-80 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">
                    {v.diff || "(first version)"}
                  </pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
