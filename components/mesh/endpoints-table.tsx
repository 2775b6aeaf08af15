import { Link } from "@/components/ui/link";
import type { MeshOverview } from "@/lib/views/mesh";
import { EndpointStatusBadge, Flag } from "./status-badge";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";

export const endpointHref = (endpoint: string) => `/mesh/${encodeURIComponent(endpoint)}`;

/** The endpoint list: one row per registered endpoint, worst first. */
export function EndpointsTable({ rows, now }: { rows: MeshOverview["endpoints"]; now: Date }) {
  return (
    <DataTable
      caption="Mesh endpoints"
      head={
        <PlainHeaderRow
          labels={[
            "Status",
            "Endpoint",
            "Agent / expected SPIFFE id",
            "Protocol",
            "mTLS enforced",
            "Legacy TLS",
            "Plain HTTP",
            "Cert expires",
          ]}
        />
      }
    >
      {rows.map((r) => (
        <tr
          key={r.id}
          data-endpoint={r.endpoint}
          className="border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40"
        >
          <Td>
            <EndpointStatusBadge status={r.status} />
          </Td>
          <Td>
            <Link href={endpointHref(r.endpoint)} className="mono text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
              {r.endpoint}
            </Link>
            {r.error && <Truncated text={r.error} className="max-w-56 text-xs text-zinc-500" />}
          </Td>
          <Td className="max-w-52">
            <Truncated text={r.agent} className="max-w-full" />
            <Truncated text={r.expectedIdentity} className="max-w-full mono text-zinc-500" />
          </Td>
          <Td className="mono">{r.protocol ?? <span className="text-zinc-500">—</span>}</Td>
          <Td>
            <Flag value={r.clientCertRequired} good={true} />
          </Td>
          <Td>
            <Flag value={r.acceptsLegacyTls} good={false} yes="Accepted" no="Refused" />
          </Td>
          <Td>
            <Flag value={r.plainHttp} good={false} yes="Answers" no="No" />
          </Td>
          <Td className="text-xs">
            {r.notAfter && r.notAfter.getTime() <= now.getTime() ? (
              <span className="font-medium text-red-700 dark:text-red-300">expired </span>
            ) : null}
            <TimeAgo at={r.notAfter} now={now} />
          </Td>
        </tr>
      ))}
      {rows.length === 0 && <EmptyRow colSpan={8}>No endpoint matches these filters.</EmptyRow>}
    </DataTable>
  );
}
