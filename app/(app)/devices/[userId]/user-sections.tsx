import { Badge } from "@/components/ui/badge";
import { HistoryEvents, SeenSummary } from "@/components/posture/device-history";
import { CopyButton } from "@/components/ui/copy-button";
import { Link } from "@/components/ui/link";
import { Truncated } from "@/components/ui/truncated";
import { EncryptionBadge } from "@/components/posture/encryption-badge";
import { SignatureTable } from "@/components/posture/signature-table";
import { TrustBadge } from "@/components/posture/trust-badge";
import { deviceHref, roomHref } from "@/lib/views/subject-href";
import type { UserDetail } from "@/lib/views/user-view-detail";

const muted = "text-sm text-zinc-600 dark:text-zinc-400";

/** The three cross-signing keys, grouped in fours for reading aloud, and the two signatures the identity rests on. */
export function IdentitySection({ identity, isAuditor }: { identity: UserDetail["identity"]; isAuditor: boolean }) {
  if (!identity) return <p className={muted}>The latest scan did not list this user; its history is below.</p>;
  return (
    <>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-500">cross-signing</span>
        <Badge tone={identity.state === "present" ? "ok" : identity.state === "absent" ? "high" : "critical"} icon="key">
          {identity.state}
        </Badge>
        {!isAuditor && (
          <Badge tone={identity.verifiedByAuditor ? "ok" : "high"} icon={identity.verifiedByAuditor ? "shieldCheck" : "shieldCross"}>
            {identity.verifiedByAuditor ? "verified by the auditor" : "not verified by the auditor"}
          </Badge>
        )}
        {identity.problem && <span className="text-zinc-700 dark:text-zinc-300">{identity.problem}</span>}
      </p>
      {identity.keys.length === 0 ? (
        <p className={muted}>This user has published no cross-signing keys.</p>
      ) : (
        <dl className="mb-3 flex flex-col gap-2">
          {identity.keys.map((k) => (
            <div key={k.role} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-identity-key={k.role}>
              <dt className="w-24 text-xs text-zinc-500">{k.role}</dt>
              <dd className="mono break-all text-sm" title={k.value}>
                {k.grouped}
              </dd>
              <CopyButton value={k.value} label={`${k.role} key`} />
            </div>
          ))}
        </dl>
      )}
      <SignatureTable rows={identity.signatures} />
    </>
  );
}

export function DevicesSection({ userId, devices }: { userId: string; devices: UserDetail["devices"] }) {
  if (devices.length === 0) return <p className={muted}>No devices of this user in the latest scan.</p>;
  return (
    <ul aria-label="Devices of this user" className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {devices.map((d) => (
        <li key={d.deviceId} className="flex flex-wrap items-center gap-2 py-1.5 text-sm" data-device={d.deviceId}>
          <TrustBadge trust={d.trust} />
          <Link href={deviceHref(userId, d.deviceId)} className="mono max-w-[20rem] truncate hover:underline" title={d.deviceId}>
            {d.deviceId}
          </Link>
          <Truncated text={d.displayName} empty="" className="max-w-[20rem] text-zinc-600 dark:text-zinc-400" />
          {d.agentName && !d.expected && (
            <Badge tone="high" icon="finding">
              not declared for agent {d.agentName}
            </Badge>
          )}
        </li>
      ))}
    </ul>
  );
}

export function RoomsSection({ rooms, unknown }: { rooms: UserDetail["rooms"]; unknown: boolean }) {
  if (unknown) return <p className={muted}>The latest scan could not be read, so its rooms cannot be listed.</p>;
  if (rooms.total === 0) return <p className={muted}>Not a joined member of any room the latest scan saw.</p>;
  return (
    <>
      <ul aria-label="Rooms of this user" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rooms.shown.map((r) => (
          <li key={r.roomId} className="flex flex-wrap items-center gap-2 py-1.5 text-sm">
            <EncryptionBadge encrypted={r.encrypted} />
            <Link href={roomHref(r.roomId)} className="max-w-[32rem] truncate hover:underline" title={r.roomId}>
              {r.name ?? r.roomId}
            </Link>
            <span className="text-xs text-zinc-500">{r.members} members</span>
          </li>
        ))}
      </ul>
      {rooms.total > rooms.shown.length && (
        <p className="mt-2 text-xs text-zinc-500">
          Showing {rooms.shown.length} of {rooms.total} rooms (plaintext first).
        </p>
      )}
    </>
  );
}

export function IdentityHistorySection({ history }: { history: UserDetail["history"] }) {
  const keys = `${history.masterKeys} master key${history.masterKeys === 1 ? "" : "s"}`;
  return (
    <>
      <SeenSummary
        firstSeen={history.firstSeen}
        lastSeen={history.lastSeen}
        scans={`seen by ${history.seenIn} of the ${history.scansRead} latest scans; ${keys}`}
      />
      <HistoryEvents label="Identity history" events={history.events} />
    </>
  );
}
