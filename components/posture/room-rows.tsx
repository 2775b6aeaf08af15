"use client";
import { Link } from "@/components/ui/link";
import { EncryptionBadge } from "@/components/posture/encryption-badge";
import { MonoId } from "@/components/ui/mono-id";
import { EmptyRow, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import type { RoomListEntry } from "@/lib/views/room-index";
import { roomHref, subjectFindingsHref } from "@/lib/views/subject-href";

/** Exposure 0..10 as a word, so the column reads without a legend. */
const exposureWord = (e: number) => (e >= 7 ? "high" : e >= 4 ? "elevated" : e > 0 ? "some" : "closed");

/**
 * The body of the Rooms table. A client component on purpose: the server sends
 * a page of rows as data (about a tenth of the bytes of the rendered markup)
 * and the browser draws them, so paging and sorting stay cheap for the server
 * however many people are clicking through 10k rooms.
 */
export function RoomRows({ rows }: { rows: RoomListEntry[] }) {
  if (rows.length === 0) {
    return (
      <EmptyRow colSpan={10}>
        No rooms match these filters.{" "}
        <Link className="underline" href="/rooms">
          Clear filters
        </Link>
      </EmptyRow>
    );
  }
  return rows.map((r) => (
    <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
      <Td>
        <EncryptionBadge encrypted={r.encrypted} algorithm={r.algorithm} />
      </Td>
      <Td>
        <Link href={roomHref(r.roomId)} className="hover:underline">
          <Truncated text={r.name ?? r.canonicalAlias} empty="(no name)" className="max-w-[14rem]" />
        </Link>
      </Td>
      <Td>
        <MonoId value={r.roomId} label="room id" max="max-w-[9rem]" />
      </Td>
      <Td className="text-right tabular-nums">{r.memberCount}</Td>
      <Td className="text-right tabular-nums">{r.agentCount}</Td>
      <Td className={r.joinRule === "public" ? "font-medium text-high dark:text-orange-300" : ""}>{r.joinRule ?? "—"}</Td>
      <Td className={r.historyVisibility === "world_readable" ? "font-medium text-medium dark:text-yellow-200" : ""}>
        {r.historyVisibility ?? "—"}
      </Td>
      <Td className={r.guestAccess === "can_join" ? "font-medium text-medium dark:text-yellow-200" : ""}>{r.guestAccess ?? "—"}</Td>
      <Td className="whitespace-nowrap text-right">
        <Link
          href={subjectFindingsHref("room", r.roomId)}
          aria-label={`${r.openFindings} open findings in ${r.name ?? r.roomId}`}
          className={
            r.openFindings ? "font-semibold tabular-nums text-red-700 hover:underline dark:text-red-300" : "tabular-nums text-zinc-500"
          }
        >
          {r.openFindings}
        </Link>
        {r.worstOpen && <span className="ml-1 text-xs text-zinc-500">{r.worstOpen}</span>}
      </Td>
      <Td className="whitespace-nowrap">
        <span
          data-testid="exposure"
          title={
            r.effectiveExposure > r.exposure
              ? `Settings alone rate it ${r.exposure}; an open ${r.worstOpen ?? ""} finding raises it to ${r.effectiveExposure}`
              : undefined
          }
        >
          <span className="tabular-nums">{r.effectiveExposure}</span>{" "}
          <span className="text-xs text-zinc-500">{exposureWord(r.effectiveExposure)}</span>
        </span>
      </Td>
    </tr>
  ));
}
