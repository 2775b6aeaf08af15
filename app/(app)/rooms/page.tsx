import type { Metadata } from "next";
import Link from "next/link";
import { NotReady } from "@/components/shell/not-ready";
import { EncryptionBadge } from "@/components/posture/encryption-badge";
import { PartialBanner } from "@/components/posture/partial-banner";
import { SearchBox } from "@/components/posture/search-box";
import { FilterChips } from "@/components/ui/filter-chips";
import { MonoId } from "@/components/ui/mono-id";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PlainHeader, SortHeader } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
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

/** Exposure 0..10 as a word, so the column reads without a legend. */
const exposureWord = (e: number) => (e >= 7 ? "high" : e >= 4 ? "elevated" : e > 0 ? "some" : "closed");

export default async function RoomsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor();
  const query = toQuery(await searchParams);
  const [status, list] = await Promise.all([getSetupStatus(), listRooms(query)]);
  const q = { ...query, sort: list.sort, dir: list.dir };
  const header = <PageHeader title="Rooms" subtitle="Every room the auditor can see, worst exposure first." />;
  if (!list.snapshot) return <>{header}<NotReady status={status} needs="matrix" what="rooms and whether they are end-to-end encrypted" /></>;
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
            <SortHeader path="/rooms" query={q} column="exposure" label="Exposure" defaultDir="desc" />
          </tr>
        }
      >
        {list.rows.length === 0 && <EmptyRow colSpan={9}>No rooms match these filters. <Link className="underline" href="/rooms">Clear filters</Link></EmptyRow>}
        {list.rows.map((r) => (
          <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
            <Td><EncryptionBadge encrypted={r.encrypted} algorithm={r.algorithm} /></Td>
            <Td>
              <Link href={`/rooms/${encodeURIComponent(r.roomId)}`} className="hover:underline">
                <Truncated text={r.name ?? r.canonicalAlias} empty="(no name)" />
              </Link>
            </Td>
            <Td><MonoId value={r.roomId} label="room id" /></Td>
            <Td className="text-right tabular-nums">{r.memberCount}</Td>
            <Td className="text-right tabular-nums">{r.agentCount}</Td>
            <Td className={r.joinRule === "public" ? "font-medium text-high dark:text-orange-300" : ""}>{r.joinRule ?? "—"}</Td>
            <Td className={r.historyVisibility === "world_readable" ? "font-medium text-medium dark:text-yellow-200" : ""}>{r.historyVisibility ?? "—"}</Td>
            <Td className={r.guestAccess === "can_join" ? "font-medium text-medium dark:text-yellow-200" : ""}>{r.guestAccess ?? "—"}</Td>
            <Td><span className="tabular-nums">{r.exposure}</span> <span className="text-xs text-zinc-500">{exposureWord(r.exposure)}</span></Td>
          </tr>
        ))}
      </DataTable>
      <Pager path="/rooms" query={query} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
