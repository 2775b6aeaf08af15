import { Link } from "@/components/ui/link";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import type { PlaintextRoom } from "@/lib/views/homeserver";

/** Encrypted rooms that received unencrypted events: sender and time only, never content (Vigil never read it). */
export function PlaintextRooms({ rooms, roomsRead, windowHours }: { rooms: PlaintextRoom[]; roomsRead: number; windowHours: number }) {
  return (
    <DataTable caption="Plaintext events in encrypted rooms" head={<PlainHeaderRow labels={["Room", "Event type", "Sender", "Sent at"]} />}>
      {rooms.length === 0 ? (
        <EmptyRow colSpan={4}>
          None in the last {windowHours} h of the {roomsRead} encrypted room(s) read.
        </EmptyRow>
      ) : (
        rooms.flatMap((r) =>
          r.events.map((e, i) => (
            <tr key={`${r.roomId}-${i}`} className="align-top" data-room={r.roomId}>
              <Td>
                <Link href={`/rooms/${encodeURIComponent(r.roomId)}`} className="mono text-xs hover:underline">
                  <Truncated text={r.roomId} />
                </Link>
              </Td>
              <Td className="mono text-xs">{e.type}</Td>
              <Td className="mono text-xs">
                <Truncated text={e.sender} />
              </Td>
              <Td className="text-xs">{e.at}</Td>
            </tr>
          )),
        )
      )}
    </DataTable>
  );
}
