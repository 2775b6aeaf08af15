import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { EnableEncryption } from "./enable-encryption";
import { EncryptionBadge } from "@/components/posture/encryption-badge";
import { FindingList } from "@/components/posture/finding-list";
import { PartialBanner } from "@/components/posture/partial-banner";
import { RoomMembers } from "@/components/posture/room-members";
import { MonoId } from "@/components/ui/mono-id";
import { can, requireActor } from "@/lib/auth/session";
import { getConnectionSettings } from "@/lib/settings/connections";
import { getRoomDetail } from "@/lib/views/rooms";
import { UnreadableSnapshot } from "@/components/ui/unreadable-snapshot";

export const metadata: Metadata = { title: "Room" };

/** Route params arrive percent-encoded when the id was ("!" and ":" are escaped by our links). */
const decode = (raw: string) => (raw.includes("%") ? decodeURIComponent(raw) : raw);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-sm">{children ?? "—"}</dd>
    </div>
  );
}

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const actor = await requireActor();
  const roomId = decode((await params).roomId);
  const [detail, connections] = await Promise.all([getRoomDetail(roomId), getConnectionSettings()]);
  if (!detail) notFound();
  const { row, facts, snapshot } = detail;
  const enc = facts?.encryption;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/rooms" className="text-sky-700 hover:underline dark:text-sky-400">
          ← Rooms
        </Link>
      </nav>
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            <EncryptionBadge encrypted={row.encrypted} algorithm={row.algorithm} />
            <span className="truncate" title={row.name ?? undefined}>
              {row.name ?? "(no name)"}
            </span>
          </h1>
          <div className="mt-1">
            <MonoId value={row.roomId} label="room id" max="max-w-[40rem]" />
          </div>
        </div>
        {!row.encrypted && connections.homeserver?.userId && (
          <EnableEncryption
            roomId={row.roomId}
            roomName={row.name}
            auditorUserId={connections.homeserver.userId}
            serverAdmin={connections.homeserver.admin === true}
            allowed={can(actor, "room.enable-encryption")}
          />
        )}
      </header>
      <PartialBanner snapshot={snapshot} what="rooms" />
      {detail.unreadable !== null && (
        <div className="mb-4">
          <UnreadableSnapshot message={detail.unreadable} />
        </div>
      )}
      <section aria-labelledby="facts" className="card mb-4">
        <h2 id="facts" className="mb-3 text-sm font-semibold">
          State
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Fact label="Encryption">
            {enc || row.encrypted ? <span className="mono">{enc?.algorithm ?? row.algorithm}</span> : "none (plaintext)"}
          </Fact>
          <Fact label="Key rotation">
            {enc
              ? `${enc.rotationPeriodMs ? `${Math.round(enc.rotationPeriodMs / 3600_000)} h` : "default"} / ${enc.rotationPeriodMsgs ?? "default"} msgs`
              : "—"}
          </Fact>
          <Fact label="Join rule">{row.joinRule}</Fact>
          <Fact label="History visibility">{row.historyVisibility}</Fact>
          <Fact label="Guest access">{row.guestAccess}</Fact>
          <Fact label="Federated">{row.federatable === null ? "—" : row.federatable ? "yes" : "no"}</Fact>
          <Fact label="Canonical alias">{row.canonicalAlias ? <span className="mono break-all">{row.canonicalAlias}</span> : null}</Fact>
          <Fact label="Creator">{facts?.creator ? <span className="mono break-all">{facts.creator}</span> : null}</Fact>
          <Fact label="Members / agents">
            {row.memberCount} / {row.agentCount}
          </Fact>
          <Fact label="Exposure">{row.exposure} of 10</Fact>
          <Fact label="Ever encrypted">{row.everEncrypted ? "yes" : "no"}</Fact>
        </dl>
      </section>
      <section aria-labelledby="room-findings" className="card mb-4">
        <h2 id="room-findings" className="mb-2 text-sm font-semibold">
          Findings
        </h2>
        <FindingList findings={detail.findings} empty="No findings for this room." />
      </section>
      <section aria-labelledby="members" className="card mb-4">
        <h2 id="members" className="mb-2 text-sm font-semibold">
          Members and their devices ({detail.members.length})
        </h2>
        <RoomMembers members={detail.members} devices={detail.devices} />
      </section>
      <section aria-labelledby="raw" className="card">
        <h2 id="raw" className="text-sm font-semibold">
          Raw state events
        </h2>
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-sky-700 dark:text-sky-400">
            Show the {facts?.state?.length ?? 0} state events as the homeserver returned them
          </summary>
          {/* JSON as a text node inside <pre>: hostile strings stay inert. */}
          <pre className="mono mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-3 dark:bg-zinc-950">
            {facts?.state ? JSON.stringify(facts.state, null, 2) : "Not recorded in this snapshot."}
          </pre>
        </details>
      </section>
    </>
  );
}
