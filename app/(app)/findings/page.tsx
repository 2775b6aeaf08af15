import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { FindingFilters } from "@/components/posture/finding-filters";
import { SearchBox } from "@/components/posture/search-box";
import { ActiveFilters } from "@/components/ui/active-filters";
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
import { subjectHref } from "@/lib/views/subject-href";
import { DetailText } from "@/components/ui/detail-text";

export const metadata: Metadata = { title: "Findings" };

/** The URL keys that filter this list, as the "Filtered by" line names them. */
const NO_SUCH_AGENT = "No agent of that name in the latest registry: only findings about the agent itself are listed.";

const FILTER_LABELS = {
  agent: "agent",
  q: "text",
  severity: "severity",
  subject: "subject type",
  subjectId: "subject",
  check: "check",
  status: "status",
};

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor();
  const query = toQuery(await searchParams);
  const list = await listFindings(query);
  const csvQuery = new URLSearchParams(Object.entries(query).filter(([k]) => k !== "page" && k !== "size")).toString();
  return (
    <>
      <PageHeader title="Findings" subtitle="What the checks flagged, worst first. Open findings by default." />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <SearchBox
          path="/findings"
          query={query}
          label="Search findings by check, subject or detail"
          placeholder="Check, subject or detail"
        />
        <a className="btn" href={`/api/findings/csv${csvQuery ? `?${csvQuery}` : ""}`} download>
          Export {list.total} as CSV
        </a>
      </div>
      <ActiveFilters
        path="/findings"
        query={query}
        labels={FILTER_LABELS}
        note={list.agentDeclared === false ? NO_SUCH_AGENT : undefined}
      />
      <FindingFilters query={query} status={list.status} checks={list.checks} />
      <DataTable
        caption="Findings"
        head={<PlainHeaderRow labels={["Severity", "Check", "Subject", "Detail", "First seen", "Last seen"]} />}
      >
        {list.rows.length === 0 && (
          <EmptyRow colSpan={6}>
            No findings match these filters.{" "}
            <Link className="underline" href="/findings?status=all">
              Show all statuses
            </Link>
          </EmptyRow>
        )}
        {list.rows.map((f) => {
          const href = subjectHref(f.subjectType, f.subjectId);
          return (
            <tr key={f.id} className="align-top hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <Td>
                <div className="flex flex-col items-start gap-1">
                  <SeverityBadge severity={f.severity} />
                  {f.status !== "open" && (
                    <Badge tone={f.status === "resolved" ? "ok" : "neutral"} icon={f.status === "resolved" ? "check" : "clock"}>
                      {f.status}
                    </Badge>
                  )}
                </div>
              </Td>
              <Td>
                <Link href={`/findings/${f.id}`} className="mono font-semibold hover:underline">
                  {f.check}
                </Link>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">{checkById.get(f.check)?.meta.title}</div>
              </Td>
              <Td>
                <span className="text-xs text-zinc-500">{f.subjectType}</span>
                {href ? (
                  <Link href={href} className="hover:underline">
                    <Truncated text={f.subjectLabel ?? f.subjectId} className="max-w-[14rem]" />
                  </Link>
                ) : (
                  <Truncated text={f.subjectLabel ?? f.subjectId} className="max-w-[14rem]" />
                )}
                {f.subjectLabel && (
                  <span className="mono block max-w-[14rem] truncate text-zinc-500" title={f.subjectId}>
                    {f.subjectId}
                  </span>
                )}
              </Td>
              <Td className="max-w-[28rem] text-zinc-700 dark:text-zinc-300">
                <DetailText text={f.detail} />
              </Td>
              <Td>
                <TimeAgo at={f.firstSeenAt} />
              </Td>
              <Td>
                {f.status === "resolved" && f.resolvedAt ? (
                  <>
                    resolved <TimeAgo at={f.resolvedAt} />
                  </>
                ) : (
                  <TimeAgo at={f.lastSeenAt} />
                )}
              </Td>
            </tr>
          );
        })}
      </DataTable>
      <Pager path="/findings" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
