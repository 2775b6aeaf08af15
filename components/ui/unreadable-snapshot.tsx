/**
 * A stored snapshot that fails its schema (lib/snapshot/read-snapshot.ts): shown as what it is, so a
 * damaged row never reads as "nothing to show" or "nothing wrong". The message names the snapshot
 * and the first fields at fault; it is our own text about stored data, rendered as text.
 */
export function UnreadableSnapshot({ message }: { message: string }) {
  return (
    <div role="alert" className="card flex flex-col gap-1 border-red-300 dark:border-red-800" data-testid="unreadable-snapshot">
      <h2 className="text-base font-semibold text-red-700 dark:text-red-400">This snapshot cannot be read</h2>
      <p className="mono break-all text-sm">{message}</p>
      <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
        Vigil shows nothing from it rather than guess. The stored row is left as it is; the next scan stores a new snapshot.
      </p>
    </div>
  );
}

/** Stored scans a history could not read (a subject page's past): the first three named, so a gap is never silent. */
export function UnreadableHistory({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <p role="alert" className="mb-4 text-sm text-amber-800 dark:text-amber-300">
      Parts of stored scans could not be read: {problems.slice(0, 3).join("; ")}
    </p>
  );
}
