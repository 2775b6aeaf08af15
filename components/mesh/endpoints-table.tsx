import Link from "next/link";
import type { MeshOverview } from "@/lib/views/mesh";
import { EndpointStatusBadge, Flag } from "./status-badge";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";

export const endpointHref = (endpoint: string) => `/mesh/${encodeURIComponent(endpoint)}`;

/** The endpoint list: one row per registered endpoint, worst first. */
export function EndpointsTable({ rows, now }: { rows: MeshOverview["endpoints"]; now: Date }) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className="w-full text-left text-sm">
        <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Endpoint</th>
            <th scope="col" className="px-3 py-2">Agent / expected SPIFFE id</th>
            <th scope="col" className="px-3 py-2">Protocol</th>
            <th scope="col" className="px-3 py-2">mTLS enforced</th>
            <th scope="col" className="px-3 py-2">Legacy TLS</th>
            <th scope="col" className="px-3 py-2">Plain HTTP</th>
            <th scope="col" className="px-3 py-2">Cert expires</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-endpoint={r.endpoint} className="border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40">
              <td className="px-3 py-2"><EndpointStatusBadge status={r.status} /></td>
              <td className="px-3 py-2">
                <Link href={endpointHref(r.endpoint)} className="mono text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">{r.endpoint}</Link>
                {r.error && <Truncated text={r.error} className="max-w-full max-w-56 text-xs text-zinc-500" />}
              </td>
              <td className="max-w-72 px-3 py-2">
                <Truncated text={r.agent} className="max-w-full" />
                <Truncated text={r.expectedIdentity} className="max-w-full mono text-zinc-500" />
              </td>
              <td className="px-3 py-2 mono">{r.protocol ?? <span className="text-zinc-500">—</span>}</td>
              <td className="px-3 py-2"><Flag value={r.clientCertRequired} good={true} /></td>
              <td className="px-3 py-2"><Flag value={r.acceptsLegacyTls} good={false} yes="Accepted" no="Refused" /></td>
              <td className="px-3 py-2"><Flag value={r.plainHttp} good={false} yes="Answers" no="No" /></td>
              <td className="px-3 py-2 text-xs">
                {r.notAfter && r.notAfter.getTime() <= now.getTime() ? <span className="font-medium text-red-700 dark:text-red-300">expired </span> : null}
                <TimeAgo at={r.notAfter} now={now} />
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr><td colSpan={8} className="px-3 py-6 text-center text-sm text-zinc-500">No endpoint matches these filters.</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
