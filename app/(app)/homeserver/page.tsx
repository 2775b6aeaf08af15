import type { Metadata } from "next";
import { ExpiryTimeline, type TimelineCert } from "@/components/mesh/expiry-timeline";
import { parseWindow } from "@/components/mesh/timeline-scale";
import { HomeserverVerdictsTable } from "@/components/homeserver/verdicts-table";
import { PlaintextRooms } from "@/components/homeserver/plaintext-rooms";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireActor } from "@/lib/auth/session";
import type { CertFacts } from "@/lib/snapshot/types";
import { getHomeserverView } from "@/lib/views/homeserver";
import { BotConfigs } from "./bot-configs";

export const metadata: Metadata = { title: "Homeserver" };

const DAY = 24 * 3600e3;

/** The client API's leaf on the same expiry timeline as the mesh's certificates. */
function timelineCert(leaf: CertFacts, now: Date, warnDays: number): TimelineCert {
  const left = new Date(leaf.notAfter).getTime() - now.getTime();
  const status = !leaf.trusted ? "untrusted" : left <= 0 ? "expired" : left <= warnDays * DAY ? "expiring" : "valid";
  return {
    fingerprint: leaf.fingerprint256,
    subject: leaf.subject,
    spiffeId: null,
    sources: [leaf.source.kind === "endpoint" ? leaf.source.endpoint : leaf.source.path],
    notBefore: new Date(leaf.notBefore),
    notAfter: new Date(leaf.notAfter),
    status,
  };
}

export default async function HomeserverPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor();
  const sp = await searchParams;
  const windowKey = parseWindow(sp.window);
  const now = new Date();
  const view = await getHomeserverView(now);

  if (view.state !== "ready") {
    return (
      <>
        <PageHeader title="Homeserver" />
        {view.state === "none" ? (
          <EmptyState title="The homeserver's own posture has not been probed">
            <p>
              Add a <code>homeserverPosture</code> section to vigil.config.yaml (the public URL, and optionally homeserver.yaml and the
              federation URL), then scan: Vigil probes the public URL from outside and reads only metadata.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="The last homeserver record is unreadable">
            <p>
              Snapshot {view.snapshotId} is unreadable: {view.reason}
            </p>
          </EmptyState>
        )}
      </>
    );
  }

  const { homeserver: hs } = view;
  const leaf = hs.tls?.chain[0];
  return (
    <>
      <PageHeader
        title="Homeserver"
        subtitle={
          <>
            {hs.publicBaseUrl}
            {hs.version ? ` · Synapse ${hs.version}` : ""} · probed <TimeAgo at={view.takenAt} now={now} />
          </>
        }
      />
      <div className="flex flex-col gap-5">
        <section aria-labelledby="probes-h" className="flex flex-col gap-2">
          <h2 id="probes-h" className="text-base font-semibold">
            Probes and configuration
          </h2>
          <p className="text-xs text-zinc-500">
            Judged against the active policy. {hs.config ? `homeserver.yaml read from ${hs.config.path}.` : "No homeserver.yaml was given."}
          </p>
          <HomeserverVerdictsTable verdicts={view.verdicts} subjectId={hs.publicBaseUrl} />
        </section>
        <section aria-labelledby="bots-h" className="flex flex-col gap-2">
          <h2 id="bots-h" className="text-base font-semibold">
            Bot configurations
          </h2>
          <p className="text-xs text-zinc-500">
            Each mautrix bot&apos;s config.yaml (its encryption section only) against what its device really has on the homeserver.
          </p>
          <BotConfigs view={view.bots} />
        </section>
        <section aria-labelledby="plaintext-h" className="flex flex-col gap-2">
          <h2 id="plaintext-h" className="text-base font-semibold">
            Plaintext events in encrypted rooms
          </h2>
          <PlaintextRooms rooms={view.plaintextRooms} roomsRead={view.roomsRead} windowHours={hs.timeline?.windowHours ?? 0} />
        </section>
        {leaf ? (
          <ExpiryTimeline
            certs={[timelineCert(leaf, now, view.certExpiryWarningDays)]}
            now={now}
            windowKey={windowKey}
            hrefFor={(w) => `/homeserver?window=${w}`}
          />
        ) : (
          <p className="text-sm text-zinc-500">
            {hs.publicBaseUrl.startsWith("https:") ? "No certificate was seen." : "The client API is plain http: no certificate."}
          </p>
        )}
      </div>
    </>
  );
}
