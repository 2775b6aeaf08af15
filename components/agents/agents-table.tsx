import { Link } from "@/components/ui/link";
import { endpointHref } from "@/components/mesh/endpoints-table";
import { EndpointStatusBadge, Flag } from "@/components/mesh/status-badge";
import { PlainHeader } from "@/components/ui/sort-header";
import { DataTable } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";
import type { AgentView } from "@/lib/views/agents";
import { deviceHref, userDevicesHref, userHref } from "@/lib/views/subject-href";

const HEADERS = ["Agent / owner", "Matrix: user, cross-signing, devices, rooms", "Mesh: endpoint, SPIFFE id, status, certificate"];

const dash = <span className="text-zinc-500">—</span>;

function Devices({ d }: { d: NonNullable<AgentView["matrix"]>["devices"] }) {
  if (d.total === 0) return <span className="text-xs text-zinc-500">none</span>;
  const bad = d.total - (d.byTrust["verified-by-owner"] ?? 0);
  return (
    <span className="text-xs whitespace-nowrap">
      {d.total} ·{" "}
      <span
        title="signed by the owner's self-signing key"
        className={bad ? "font-medium text-red-700 dark:text-red-300" : "text-green-800 dark:text-green-300"}
      >
        {bad ? `${bad} unsigned` : "all signed"}
      </span>
      {d.undeclared > 0 && <span className="block font-medium text-amber-800 dark:text-amber-300">{d.undeclared} undeclared</span>}
    </span>
  );
}

/** The agent's devices by id, each linked to its page (the first few; the rest on the Devices list). */
function DeviceLinks({ d, userId }: { d: NonNullable<AgentView["matrix"]>["devices"]; userId: string }) {
  if (d.list.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-x-2 text-xs">
      {d.list.map((x) => (
        <Link
          key={x.deviceId}
          href={deviceHref(userId, x.deviceId)}
          title={`${x.deviceId}: ${x.trust}${x.declared ? "" : ", not declared"}`}
          className="mono max-w-[10rem] truncate text-sky-800 hover:underline dark:text-sky-300"
        >
          {x.deviceId}
        </Link>
      ))}
      {d.total > d.list.length && (
        <Link href={userDevicesHref(userId)} className="underline">
          all {d.total}
        </Link>
      )}
    </span>
  );
}

/**
 * One row per declared agent: its Matrix identity and its mesh endpoint side by side. Four columns whose
 * facts stack inside the cell, so the table fits a 1280 px screen without sideways scrolling.
 */
export function AgentsTable({ rows, now }: { rows: AgentView[]; now: Date }) {
  return (
    <DataTable
      caption="Agents"
      head={
        <tr>
          {HEADERS.map((l) => (
            <PlainHeader key={l} label={l} />
          ))}
          <PlainHeader label="Open findings" className="text-right" />
        </tr>
      }
    >
      {rows.map(({ decl, matrix, mesh, openFindings }) => (
        <tr key={decl.name} id={`agent-${decl.name}`} className="align-top" data-testid="agent-row">
          <td className="w-48 max-w-48 px-3 py-2">
            <Truncated text={decl.name} className="max-w-full font-medium" />
            <Truncated text={decl.owner} className="max-w-full text-xs text-zinc-500" />
          </td>
          <td className="max-w-md px-3 py-2">
            {matrix ? (
              <div className="flex flex-col gap-1">
                <Link href={userHref(matrix.userId)} className="hover:underline">
                  <Truncated text={matrix.userId} className="max-w-full mono" />
                </Link>
                {!matrix.seen && <span className="text-xs font-medium text-amber-800 dark:text-amber-300">not seen on the homeserver</span>}
                {matrix.crossSigning && (
                  <span className="flex flex-wrap gap-x-3 text-xs">
                    <Flag
                      value={matrix.crossSigning === "present"}
                      good={true}
                      yes="keys present"
                      no={matrix.crossSigning === "absent" ? "no keys" : "bad signature"}
                    />
                    <Flag value={matrix.verifiedByAuditor} good={true} yes="auditor verified" no="not auditor verified" />
                  </span>
                )}
                <span className="flex flex-wrap gap-x-3 text-xs">
                  <span>
                    Devices: <Devices d={matrix.devices} />
                  </span>
                  <span>Rooms: {matrix.rooms}</span>
                </span>
                <DeviceLinks d={matrix.devices} userId={matrix.userId} />
              </div>
            ) : (
              dash
            )}
          </td>
          <td className="max-w-md px-3 py-2">
            {mesh ? (
              <div className="flex flex-col gap-1">
                <Link href={endpointHref(mesh.endpoint)} className="mono break-all text-sky-800 hover:underline dark:text-sky-300">
                  {mesh.endpoint}
                </Link>
                <Truncated text={mesh.spiffeId} className="max-w-full mono text-xs text-zinc-500" />
                <span className="flex flex-wrap items-center gap-x-3 text-xs">
                  {mesh.status ? (
                    <EndpointStatusBadge status={mesh.status} />
                  ) : (
                    <span className="text-amber-800 dark:text-amber-300">not probed</span>
                  )}
                  {mesh.notAfter && (
                    <span>
                      certificate expires <TimeAgo at={mesh.notAfter} now={now} />
                    </span>
                  )}
                </span>
              </div>
            ) : (
              dash
            )}
          </td>
          <td className="px-3 py-2 text-right">
            <Link
              href={`/findings?agent=${encodeURIComponent(decl.name)}`}
              aria-label={`${openFindings} open findings for ${decl.name}`}
              className={openFindings ? "font-semibold text-red-700 hover:underline dark:text-red-300" : "text-zinc-500"}
            >
              {openFindings}
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
