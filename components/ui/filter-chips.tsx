import { Link } from "@/components/ui/link";
import { hrefWith, type Query } from "@/lib/views/search-params";
import { Icon } from "./icon";

export interface Chip {
  label: string;
  /** The query key the chip sets; `value` defaults to "1" (a boolean filter). */
  param: string;
  value?: string;
}

/**
 * `<FilterChips path="/rooms" query={q} chips={[{ label: "plaintext", param: "plaintext" }]} />`:
 * toggle links (aria-pressed semantics via aria-current), each resets the page.
 */
export function FilterChips({
  path,
  query,
  chips,
  label = "Filters",
}: {
  path: string;
  query: Query;
  chips: readonly Chip[];
  label?: string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-1.5">
      {chips.map((c) => {
        const value = c.value ?? "1";
        const active = query[c.param] === value;
        return (
          <Link
            key={`${c.param}=${value}`}
            href={hrefWith(path, query, { [c.param]: active ? undefined : value, page: undefined })}
            aria-current={active ? "true" : undefined}
            className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium ${
              active
                ? "border-sky-700 bg-sky-700 text-white dark:border-sky-500 dark:bg-sky-600"
                : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            {active && <Icon name="check" className="h-3 w-3" />}
            {c.label}
          </Link>
        );
      })}
    </nav>
  );
}
