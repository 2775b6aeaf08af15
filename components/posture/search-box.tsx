import type { Query } from "@/lib/views/search-params";

/** A GET form: the search lands in the URL like every other filter; other filters ride along as hidden fields. */
export function SearchBox({
  path,
  query,
  param = "q",
  label,
  placeholder,
}: {
  path: string;
  query: Query;
  param?: string;
  label: string;
  placeholder?: string;
}) {
  return (
    <form action={path} method="get" role="search" className="flex items-center gap-2">
      {Object.entries(query)
        .filter(([k]) => k !== param && k !== "page")
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      <label htmlFor={`search-${param}`} className="sr-only">
        {label}
      </label>
      <input id={`search-${param}`} name={param} defaultValue={query[param] ?? ""} placeholder={placeholder} className="input w-64" />
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}
