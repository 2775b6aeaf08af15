import { Link } from "@/components/ui/link";
import type { EndpointStatus } from "@/lib/scan/mesh-rows";
import type { MeshFilters } from "@/lib/views/mesh";
import { ENDPOINT_LOOK } from "./status-badge";

/** Builds /mesh?… from filters; every chip is a link, so filters are shareable and back-button safe. */
export function meshHref(f: MeshFilters & { window?: string }): string {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.expiringSoon) q.set("expires", "24h");
  if (f.window && f.window !== "48h") q.set("window", f.window);
  if (f.q) q.set("q", f.q);
  const s = q.toString();
  return s ? `/mesh?${s}` : "/mesh";
}

const chip = (on: boolean) =>
  `rounded-full border px-2.5 py-0.5 text-xs font-medium ${on ? "border-sky-700 bg-sky-700 text-white" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`;

export function FilterChips({ filters, window, statuses }: { filters: MeshFilters; window: string; statuses: readonly EndpointStatus[] }) {
  return (
    <nav aria-label="Filter endpoints" className="flex flex-wrap items-center gap-1.5">
      <Link
        href={meshHref({ window, q: filters.q })}
        className={chip(!filters.status && !filters.expiringSoon)}
        aria-current={!filters.status && !filters.expiringSoon ? "true" : undefined}
      >
        All
      </Link>
      {statuses.map((s) => {
        const on = filters.status === s;
        return (
          <Link
            key={s}
            href={meshHref({ ...filters, status: on ? undefined : s, window })}
            className={chip(on)}
            aria-current={on ? "true" : undefined}
          >
            {ENDPOINT_LOOK[s].word}
          </Link>
        );
      })}
      <Link
        href={meshHref({ ...filters, expiringSoon: !filters.expiringSoon, window })}
        className={chip(!!filters.expiringSoon)}
        aria-current={filters.expiringSoon ? "true" : undefined}
      >
        expires &lt; 24 h
      </Link>
    </nav>
  );
}
