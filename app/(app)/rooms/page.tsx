import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PartialBanner } from "@/components/posture/partial-banner";
import { RoomRows } from "@/components/posture/room-rows";
import { SearchBox } from "@/components/posture/search-box";
import { FilterChips } from "@/components/ui/filter-chips";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PlainHeader, SortHeader } from "@/components/ui/sort-header";
import { DataTable } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/session";
import { listRooms } from "@/lib/views/rooms";
import { toQuery, type SearchParams } from "@/lib/views/search-params";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Rooms" };

const CHIPS = [
  { label: "plaintext", param: "plaintext" },
  { label: "with agents", param: "agents" },
  { label: "public", param: "public" },
];

export default async function RoomsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor();
  const query = toQuery(await searchParams);
  const list = await listRooms(query);
  const q = { ...query, sort: list.sort, dir: list.dir };
  const header = (
    <PageHeader
      title="Rooms"
      subtitle="Every room the auditor can see, worst exposure first (an open finding counts at least as its severity)."
    />
  );
  if (!list.snapshot)
    return (
      <>
        {header}
        <NotReady status={await getSetupStatus()} needs="matrix" what="rooms and whether they are end-to-end encrypted" />
      </>
    );
  return (
    <>
      {header}
      <PartialBanner snapshot={list.snapshot} what="rooms" />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <FilterChips path="/rooms" query={query} chips={CHIPS} label="Room filters" />
        <SearchBox path="/rooms" query={query} label="Search rooms by name, alias or id" placeholder="Name, alias or room id" />
      </div>
      <DataTable
        caption="Rooms"
        head={
          <tr>
            <SortHeader path="/rooms" query={q} column="encryption" label="Encryption" />
            <SortHeader path="/rooms" query={q} column="name" label="Name" />
            <PlainHeader label="Room id" />
            <SortHeader path="/rooms" query={q} column="members" label="Members" defaultDir="desc" className="text-right" />
            <SortHeader path="/rooms" query={q} column="agents" label="Agents" defaultDir="desc" className="text-right" />
            <PlainHeader label="Join rule" />
            <PlainHeader label="History" />
            <PlainHeader label="Guests" />
            <SortHeader path="/rooms" query={q} column="findings" label="Open findings" defaultDir="desc" className="text-right" />
            <SortHeader path="/rooms" query={q} column="exposure" label="Exposure" defaultDir="desc" />
          </tr>
        }
      >
        <RoomRows rows={list.rows} />
      </DataTable>
      <Pager path="/rooms" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
