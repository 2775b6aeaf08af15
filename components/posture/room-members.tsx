import { Link } from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { MonoId } from "@/components/ui/mono-id";
import { Truncated } from "@/components/ui/truncated";
import { deviceHref, userHref } from "@/lib/views/subject-href";
import { TrustBadge } from "./trust-badge";

interface Device {
  userId: string;
  deviceId: string;
  displayName: string | null;
  trust: string;
  agentName: string | null;
  expected: boolean;
}

/** Each joined member and the devices that can read the room's keys, with their verification state. */
export function RoomMembers({ members, devices }: { members: string[]; devices: Device[] }) {
  const byUser = new Map<string, Device[]>();
  for (const d of devices) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {members.map((m) => {
        const own = byUser.get(m) ?? [];
        const agent = own.find((d) => d.agentName)?.agentName;
        return (
          <li key={m} className="py-2">
            <div className="flex flex-wrap items-center gap-2">
              <MonoId value={m} label="user id" max="max-w-[24rem]" />
              {agent ? (
                <Badge tone="neutral" icon="agent">
                  agent {agent}
                </Badge>
              ) : null}
              <Link className="text-xs text-sky-700 hover:underline dark:text-sky-400" href={userHref(m)}>
                user page
              </Link>
            </div>
            {own.length === 0 ? (
              <p className="ml-4 mt-1 text-xs text-zinc-500">No devices known (not a local user, or keys not visible).</p>
            ) : (
              <ul className="ml-4 mt-1 flex flex-col gap-1">
                {own.map((d) => (
                  <li key={d.deviceId} className="flex flex-wrap items-center gap-2 text-sm">
                    <TrustBadge trust={d.trust} />
                    <Link
                      href={deviceHref(d.userId, d.deviceId)}
                      className="mono max-w-[16rem] truncate hover:underline"
                      title={d.deviceId}
                    >
                      {d.deviceId}
                    </Link>
                    <Truncated text={d.displayName} className="max-w-[16rem] text-zinc-600 dark:text-zinc-400" />
                    {d.agentName && !d.expected && (
                      <Badge tone="high" icon="finding">
                        unexpected
                      </Badge>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
