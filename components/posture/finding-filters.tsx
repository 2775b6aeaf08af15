import { Link } from "@/components/ui/link";
import { FilterChips } from "@/components/ui/filter-chips";
import { FINDING_STATUSES, SEVERITY_NAMES, SUBJECT_TYPES } from "@/lib/views/finding-filters";
import type { Query } from "@/lib/views/search-params";

const chips = (param: string, values: readonly string[]) => values.map((v) => ({ label: v, param, value: v }));

/**
 * Status chips (open is the default), severity and subject-type chips, and a
 * check picker as a GET form, so every filter is in the URL.
 */
export function FindingFilters({ query, status, checks }: { query: Query; status: string; checks: string[] }) {
  // "open" is the default: its chip is active with no ?status at all.
  const statusQuery = { ...query, status };
  return (
    <div className="mb-3 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-4">
        <span className="text-xs font-medium text-zinc-500">Status</span>
        <FilterChips path="/findings" query={statusQuery} chips={chips("status", FINDING_STATUSES)} label="Status filter" />
        <span className="text-xs font-medium text-zinc-500">Severity</span>
        <FilterChips path="/findings" query={query} chips={chips("severity", SEVERITY_NAMES)} label="Severity filter" />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <span className="text-xs font-medium text-zinc-500">Subject</span>
        <FilterChips path="/findings" query={query} chips={chips("subject", SUBJECT_TYPES)} label="Subject type filter" />
        <form action="/findings" method="get" className="flex items-center gap-2">
          {Object.entries(query)
            .filter(([k]) => k !== "check" && k !== "page")
            .map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
          <label htmlFor="check-filter" className="text-xs font-medium text-zinc-500">
            Check
          </label>
          <select id="check-filter" name="check" defaultValue={query.check ?? ""} className="input w-auto py-1">
            <option value="">all checks</option>
            {checks.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button type="submit" className="btn py-1">
            Apply
          </button>
          {query.check && (
            <Link
              href={`/findings?${new URLSearchParams(Object.entries(query).filter(([k]) => k !== "check")).toString()}`}
              className="text-xs underline"
            >
              clear
            </Link>
          )}
        </form>
      </div>
    </div>
  );
}
