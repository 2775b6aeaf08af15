import { Link } from "@/components/ui/link";
import { endpointHref } from "@/components/mesh/endpoints-table";
import { EndpointStatusBadge } from "@/components/mesh/status-badge";
import { Truncated } from "@/components/ui/truncated";
import type { AgentsOverview } from "@/lib/views/agents";

/**
 * Accounts and endpoints the scan saw that no agent declares. Not necessarily
 * wrong (operators, allowed members) — but an unlisted agent should be rejected,
 * so each one needs a reason to exist.
 */
export function Undeclared({ undeclared }: { undeclared: AgentsOverview["undeclared"] }) {
  const { users, usersTotal, endpoints } = undeclared;
  return (
    <section aria-labelledby="undeclared-h" className="flex flex-col gap-2">
      <h2 id="undeclared-h" className="text-base font-semibold">
        Undeclared <span className="text-sm font-normal text-zinc-500">({usersTotal + endpoints.length})</span>
      </h2>
      {usersTotal + endpoints.length === 0 ? (
        <p className="text-sm text-zinc-500">Every Matrix user and mesh endpoint the scan saw belongs to a declared agent.</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Kind
                </th>
                <th scope="col" className="px-3 py-2">
                  Id
                </th>
                <th scope="col" className="px-3 py-2">
                  Name / SPIFFE id
                </th>
                <th scope="col" className="px-3 py-2">
                  Registry says
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.userId} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-3 py-2 text-xs">
                    Matrix user · {u.devices} device{u.devices === 1 ? "" : "s"}
                  </td>
                  <td className="max-w-72 px-3 py-2">
                    <Link href={`/devices?user=${encodeURIComponent(u.userId)}`} className="hover:underline">
                      <Truncated text={u.userId} className="max-w-full mono" />
                    </Link>
                  </td>
                  <td className="max-w-64 px-3 py-2">
                    <Truncated text={u.displayName} className="max-w-full" />
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {u.allowed ? (
                      "allowed member (not an agent)"
                    ) : (
                      <span className="font-medium text-amber-800 dark:text-amber-300">not listed</span>
                    )}
                  </td>
                </tr>
              ))}
              {endpoints.map((e) => (
                <tr key={e.endpoint} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-3 py-2 text-xs">
                    Mesh endpoint <EndpointStatusBadge status={e.status} />
                  </td>
                  <td className="px-3 py-2">
                    <Link href={endpointHref(e.endpoint)} className="mono hover:underline">
                      {e.endpoint}
                    </Link>
                  </td>
                  <td className="max-w-64 px-3 py-2">
                    <Truncated text={e.agent ?? e.expectedIdentity} className="max-w-full mono" />
                  </td>
                  <td className="px-3 py-2 text-xs font-medium text-amber-800 dark:text-amber-300">no agent declares it</td>
                </tr>
              ))}
            </tbody>
          </table>
          {users.length < usersTotal && (
            <p className="border-t border-zinc-100 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800">
              The first {users.length} of {usersTotal} Matrix users no agent declares, not-listed ones first.{" "}
              <Link href="/devices" className="underline">
                Devices
              </Link>{" "}
              lists every account.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
