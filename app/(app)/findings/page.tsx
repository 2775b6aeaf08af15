import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { FindingFilters } from "@/components/posture/finding-filters";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { requireActor } from "@/lib/auth/session";
import { checkById } from "@/lib/rules/catalogue";
import { listFindings } from "@/lib/views/findings";
import { toQuery, type SearchParams } from "@/lib/views/search-params";

export const metadata: Metadata = { title: "Findings" };

/** Where a finding's subject lives in Vigil, when it has a page. */
function subjectHref(type: string, id: string): string | null {
  if (type === "room") return `/rooms/${encodeURIComponent(id)}`;
  if (type === "device") return `/devices?user=${encodeURIComponent(id.split("|")[0] ?? "")}`;
  if (type === "user") return `/devices?user=${encodeURIComponent(id)}`;
  return null;
}

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor();
  const query = toQuery(await searchParams);
  const list = await listFindings(query);
  return (
    <>
      <PageHeader title="Findings" subtitle="What the checks flagged, worst first. Open findings by default." />
      <FindingFilters query={query} status={list.status} checks={list.checks} />
      <DataTable
        caption="Findings"
        head={<PlainHeaderRow labels={["Severity", "Check", "Subject", "Detail", "First seen", "Last seen"]} />}
      >
        {list.rows.length === 0 && <EmptyRow colSpan={6}>No findings match these filters. <Link className="underline" href="/findings?status=all">Show all statuses</Link></EmptyRow>}
        {list.rows.map((f) => {
          const href = subjectHref(f.subjectType, f.subjectId);
          return (
            <tr key={f.id} className="align-top hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <Td>
                <div className="flex flex-col items-start gap-1">
                  <SeverityBadge severity={f.severity} />
                  {f.status !== "open" && <Badge tone={f.status === "resolved" ? "ok" : "neutral"} icon={f.status === "resolved" ? "check" : "clock"}>{f.status}</Badge>}
                </div>
              </Td>
              <Td>
                <Link href={`/findings/${f.id}`} className="mono font-semibold hover:underline">{f.check}</Link>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">{checkById.get(f.check)?.meta.title}</div>
              </Td>
              <Td>
                <span className="text-xs text-zinc-500">{f.subjectType}</span>
                {href ? <Link href={href} className="hover:underline"><Truncated text={f.subjectLabel ?? f.subjectId} className="max-w-[14rem]" /></Link> : <Truncated text={f.subjectLabel ?? f.subjectId} className="max-w-[14rem]" />}
                {f.subjectLabel && <span className="mono block max-w-[14rem] truncate text-zinc-500" title={f.subjectId}>{f.subjectId}</span>}
              </Td>
              <Td className="max-w-[28rem] text-zinc-700 dark:text-zinc-300">{f.detail}</Td>
              <Td><TimeAgo at={f.firstSeenAt} /></Td>
              <Td>{f.status === "resolved" && f.resolvedAt ? <>resolved <TimeAgo at={f.resolvedAt} /></> : <TimeAgo at={f.lastSeenAt} />}</Td>
            </tr>
          );
        })}
      </DataTable>
      <Pager path="/findings" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
