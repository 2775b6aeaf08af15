import { Link } from "@/components/ui/link";
import { hrefWith, type Query } from "@/lib/views/search-params";
import { Icon } from "./icon";

/**
 * `<SortHeader path="/rooms" query={q} column="name" label="Name" />`: a <th>
 * whose link toggles ?sort=column&dir=asc|desc and resets the page.
 */
export function SortHeader({
  path,
  query,
  column,
  label,
  defaultDir = "asc",
  className = "",
}: {
  path: string;
  query: Query;
  column: string;
  label: string;
  defaultDir?: "asc" | "desc";
  className?: string;
}) {
  const active = query.sort === column;
  const dir = active ? query.dir : undefined;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className={`px-2 py-2 text-left font-medium ${className}`}
    >
      <Link
        href={hrefWith(path, query, { sort: column, dir: nextDir, page: undefined })}
        className="inline-flex items-center gap-1 hover:underline"
      >
        {label}
        {active && <Icon name={dir === "asc" ? "arrowUp" : "arrowDown"} className="h-3 w-3" />}
        {active && <span className="sr-only">(sorted {dir === "asc" ? "ascending" : "descending"})</span>}
      </Link>
    </th>
  );
}

/** A plain <th> for columns that do not sort. */
export function PlainHeader({ label, className = "" }: { label: string; className?: string }) {
  return (
    <th scope="col" className={`px-2 py-2 text-left font-medium ${className}`}>
      {label}
    </th>
  );
}

/** `<PlainHeaderRow labels={["When", "Who"]} />`: the head row of a table no column of which sorts. */
export function PlainHeaderRow({ labels }: { labels: readonly string[] }) {
  return (
    <tr>
      {labels.map((l) => (
        <PlainHeader key={l} label={l} />
      ))}
    </tr>
  );
}
