import { Link } from "@/components/ui/link";
import { hrefWith, type Query } from "@/lib/views/search-params";

/** `<Pager path="/rooms" query={q} page={2} pageSize={50} total={10234} />`: "51–100 of 10,234", previous/next links. */
export function Pager({
  path,
  query,
  page,
  pageSize,
  total,
}: {
  path: string;
  query: Query;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = (p: number, label: string, rel: string) =>
    p < 1 || p > pages ? (
      <span className="btn pointer-events-none opacity-50" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="btn" rel={rel} href={hrefWith(path, query, { page: p === 1 ? undefined : String(p) })}>
        {label}
      </Link>
    );
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-3 text-sm text-zinc-600 dark:text-zinc-400">
      <span>
        {from.toLocaleString("en")}–{to.toLocaleString("en")} of {total.toLocaleString("en")}
        {pages > 1 && (
          <>
            {" "}
            · page {page} of {pages.toLocaleString("en")}
          </>
        )}
      </span>
      <span className="flex gap-2">
        {link(page - 1, "Previous", "prev")}
        {link(page + 1, "Next", "next")}
      </span>
    </nav>
  );
}
