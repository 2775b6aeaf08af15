import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChips } from "@/components/ui/filter-chips";
import { Link } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { can, requireActor } from "@/lib/auth/session";
import { AUDIT_OUTCOMES, listAuditLog } from "@/lib/views/audit-log";
import { toQuery, type SearchParams } from "@/lib/views/search-params";

export const metadata: Metadata = { title: "Audit log" };

const TONE: Record<string, BadgeTone> = { ok: "ok", refused: "medium", denied: "high", failed: "critical", started: "neutral" };

/** Every attempted change and sign-in, newest first: who, what, on what, and whether it went through. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, "audit.read")) {
    return (
      <>
        <PageHeader title="Audit log" />
        <EmptyState title="The audit log needs the auditor role">
          You are signed in as a {actor.role}. Ask an admin for the auditor role to read who changed what.
        </EmptyState>
      </>
    );
  }
  const query = toQuery(await searchParams);
  const list = await listAuditLog(query);
  // The form's own fields replace themselves; the outcome chip travels along.
  const carried = Object.entries(query).filter(([k]) => !["action", "actor", "target", "page"].includes(k));
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every attempted change and sign-in, newest first; it is also in every evidence bundle." />
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <span className="text-xs font-medium text-zinc-500">Outcome</span>
        <FilterChips
          path="/settings/audit"
          query={query}
          chips={AUDIT_OUTCOMES.map((o) => ({ label: o, param: "outcome", value: o }))}
          label="Outcome filter"
        />
        <form action="/settings/audit" method="get" className="flex flex-wrap items-center gap-2">
          {carried.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="audit-action" className="text-xs font-medium text-zinc-500">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className="input w-auto py-1">
            <option value="">all actions</option>
            {list.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <label htmlFor="audit-actor" className="text-xs font-medium text-zinc-500">
            Who
          </label>
          <input id="audit-actor" name="actor" defaultValue={query.actor ?? ""} placeholder="email" className="input w-40 py-1" />
          <label htmlFor="audit-target" className="text-xs font-medium text-zinc-500">
            Target
          </label>
          <input
            id="audit-target"
            name="target"
            defaultValue={query.target ?? ""}
            placeholder="room, device, finding…"
            className="input w-48 py-1"
          />
          <button type="submit" className="btn py-1">
            Apply
          </button>
          {(query.action || query.actor || query.target || query.outcome) && (
            <Link href="/settings/audit" className="text-xs underline">
              clear
            </Link>
          )}
        </form>
      </div>
      <DataTable caption="Audit log" head={<PlainHeaderRow labels={["When", "Who (from)", "Action", "Target", "Outcome", "Detail"]} />}>
        {list.rows.length === 0 && <EmptyRow colSpan={7}>No entries match these filters.</EmptyRow>}
        {list.rows.map((e) => (
          <tr key={e.id} className="align-top">
            <Td className="whitespace-nowrap">
              <TimeAgo at={e.at} />
            </Td>
            <Td>
              <Truncated text={e.actorEmail} className="max-w-[11rem]" />
              {/* Where it came from, under who: one column less, so the log fits a laptop without sideways scrolling. */}
              <div className="mono text-xs text-zinc-500" title={e.userAgent ?? undefined}>
                {e.sourceIp ?? "—"}
              </div>
            </Td>
            <Td className="mono whitespace-nowrap">{e.action}</Td>
            <Td>
              <Truncated text={e.target} className="max-w-[14rem] mono" />
            </Td>
            <Td>
              <Badge tone={TONE[e.outcome] ?? "neutral"}>{e.outcome}</Badge>
            </Td>
            <Td>
              <Truncated text={detailText(e.detail)} className="max-w-[10rem] text-xs text-zinc-600 dark:text-zinc-400" />
            </Td>
          </tr>
        ))}
      </DataTable>
      <Pager path="/settings/audit" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}

/** The detail object in one line; the whole of it on hover. Empty objects say nothing. */
function detailText(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  const text = JSON.stringify(detail);
  return text === "{}" ? null : text;
}
