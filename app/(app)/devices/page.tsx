import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { NotReady } from "@/components/shell/not-ready";
import { PartialBanner } from "@/components/posture/partial-banner";
import { SignOutDevices } from "./sign-out-devices";
import { TrustBadge } from "@/components/posture/trust-badge";
import { Badge } from "@/components/ui/badge";
import { SearchBox } from "@/components/posture/search-box";
import { ActiveFilters } from "@/components/ui/active-filters";
import { FilterChips } from "@/components/ui/filter-chips";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PlainHeader, SortHeader } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { can, requireActor } from "@/lib/auth/session";
import { DEFAULT_POLICY } from "@/lib/policy/defaults";
import { listDevices, listSignOutCandidates } from "@/lib/views/devices";
import { toQuery, type SearchParams } from "@/lib/views/search-params";
import { getSetupStatus } from "@/lib/views/setup-status";
import { agentHref, deviceHref, userHref } from "@/lib/views/subject-href";

export const metadata: Metadata = { title: "Devices" };

const CHIPS = [
  { label: "unverified", param: "unverified" },
  { label: `stale (> ${DEFAULT_POLICY.matrix.staleDeviceDays} d)`, param: "stale" },
  { label: "unexpected", param: "unexpected" },
  { label: "agents only", param: "agents" },
];

/** The URL keys the "Filtered by" line names (the chips above show their own state). */
const FILTER_LABELS = { user: "user", q: "text" };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const query = toQuery(await searchParams);
  const [status, list, candidates] = await Promise.all([getSetupStatus(), listDevices(query), listSignOutCandidates()]);
  const q = { ...query, sort: list.sort, dir: list.dir };
  const allowed = can(actor, "device.sign-out");
  const header = (
    <PageHeader
      title="Devices"
      subtitle="Every device that can receive room keys, and whether its owner signed it."
      actions={list.snapshot && candidates.length > 0 ? <SignOutDevices candidates={candidates} allowed={allowed} /> : undefined}
    />
  );
  if (!list.snapshot)
    return (
      <>
        {header}
        <NotReady status={status} needs="matrix" what="devices and their verification state" />
      </>
    );
  return (
    <>
      {header}
      <PartialBanner snapshot={list.snapshot} what="users' devices" />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <FilterChips path="/devices" query={query} chips={CHIPS} label="Device filters" />
        <SearchBox
          path="/devices"
          query={query}
          label="Search devices by user, device id, name or key fingerprint"
          placeholder="User, device, name or key"
        />
      </div>
      <ActiveFilters path="/devices" query={query} labels={FILTER_LABELS} />
      <DataTable
        caption="Devices"
        head={
          <tr>
            <SortHeader path="/devices" query={q} column="trust" label="Verification" />
            <SortHeader path="/devices" query={q} column="user" label="User" />
            <SortHeader path="/devices" query={q} column="device" label="Device id" />
            <PlainHeader label="Display name" />
            <PlainHeader label="Agent" />
            <PlainHeader label="Registry" />
            <SortHeader path="/devices" query={q} column="lastSeen" label="Last seen" defaultDir="desc" />
          </tr>
        }
      >
        {list.rows.length === 0 && (
          <EmptyRow colSpan={7}>
            No devices match these filters.{" "}
            <Link className="underline" href="/devices">
              Clear filters
            </Link>
          </EmptyRow>
        )}
        {list.rows.map((d) => (
          <tr key={d.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
            <Td>
              <TrustBadge trust={d.trust} />
            </Td>
            <Td>
              <span className="inline-flex min-w-0 items-center gap-1">
                <Link href={userHref(d.userId)} className="mono max-w-[16rem] truncate hover:underline" title={d.userId}>
                  {d.userId}
                </Link>
                <CopyButton value={d.userId} label="user id" />
              </span>
            </Td>
            <Td>
              <span className="inline-flex min-w-0 items-center gap-1">
                <Link href={deviceHref(d.userId, d.deviceId)} className="mono max-w-[12rem] truncate hover:underline" title={d.deviceId}>
                  {d.deviceId}
                </Link>
                <CopyButton value={d.deviceId} label="device id" />
              </span>
            </Td>
            <Td>
              <Truncated text={d.displayName} className="max-w-[12rem]" />
            </Td>
            <Td>
              {d.agentName ? (
                <Link href={agentHref(d.agentName)} className="hover:underline">
                  {d.agentName}
                </Link>
              ) : (
                <span className="text-zinc-500">—</span>
              )}
            </Td>
            <Td>
              {!d.agentName ? (
                <span className="text-zinc-500">not an agent</span>
              ) : d.expected ? (
                <Badge tone="ok" icon="check">
                  expected
                </Badge>
              ) : (
                <Badge tone="high" icon="finding">
                  unexpected
                </Badge>
              )}
            </Td>
            <Td>
              <TimeAgo at={d.lastSeenTs === null ? null : Number(d.lastSeenTs)} />
            </Td>
          </tr>
        ))}
      </DataTable>
      <Pager path="/devices" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
