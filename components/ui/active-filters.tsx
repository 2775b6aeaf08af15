import { Link } from "@/components/ui/link";
import { hrefWith, type Query } from "@/lib/views/search-params";
import { Icon } from "./icon";

const CHIP =
  "inline-flex max-w-full items-center gap-1 rounded-full border border-sky-700 bg-sky-50 px-2.5 py-0.5 text-xs " +
  "dark:border-sky-500 dark:bg-sky-950";

/**
 * "Filtered by: agent alpha ✕ · text "plain" ✕ · Clear all": every list that a count or chip
 * links to says what it is filtered by, and each filter can be removed on its own. `labels`
 * names the URL keys that are filters (paging, sorting and defaults are not listed).
 */
export function ActiveFilters({
  path,
  query,
  labels,
  note,
}: {
  path: string;
  query: Query;
  labels: Record<string, string>;
  note?: string;
}) {
  const active = Object.entries(labels).filter(([param]) => query[param] !== undefined);
  if (active.length === 0) return null;
  const clearAll = hrefWith(path, query, Object.fromEntries([...active.map(([p]) => [p, undefined]), ["page", undefined]]));
  return (
    <div role="status" aria-label="Active filters" className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium">Filtered by:</span>
      {active.map(([param, label]) => (
        <span key={param} className={CHIP}>
          <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
          <span className="mono max-w-[20rem] truncate font-medium" title={query[param]}>
            {query[param]}
          </span>
          <Link
            href={hrefWith(path, query, { [param]: undefined, page: undefined })}
            aria-label={`Remove the ${label} filter`}
            className="rounded-full hover:bg-sky-200 dark:hover:bg-sky-800"
          >
            <Icon name="cross" className="h-3 w-3" />
          </Link>
        </span>
      ))}
      <Link href={clearAll} className="text-xs underline">
        Clear all filters
      </Link>
      {note && <span className="text-xs text-amber-800 dark:text-amber-300">{note}</span>}
    </div>
  );
}
