import type { Metadata } from "next";
import { parseWindow } from "@/components/mesh/timeline-scale";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireActor } from "@/lib/auth/session";
import { getHomeserverView } from "@/lib/views/homeserver";
import { BotConfigs } from "./bot-configs";
import { PostureDetails, ProbesSection } from "./posture-section";

export const metadata: Metadata = { title: "Homeserver" };

export default async function HomeserverPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor();
  const sp = await searchParams;
  const windowKey = parseWindow(sp.window);
  const now = new Date();
  const view = await getHomeserverView(now);

  if (view.state === "none") {
    return (
      <>
        <PageHeader title="Homeserver" />
        <EmptyState title="The homeserver's own posture has not been probed">
          <p>
            Add a <code>homeserverPosture</code> section to vigil.config.yaml (the public URL, and optionally homeserver.yaml and the
            federation URL), then scan: Vigil probes the public URL from outside and reads only metadata. A registry agent that names its
            mautrix config (<code>botConfig:</code>) has it read in every scan, probes or not.
          </p>
        </EmptyState>
      </>
    );
  }

  const hs = view.posture.state === "probed" ? view.posture.homeserver : null;
  return (
    <>
      <PageHeader
        title="Homeserver"
        subtitle={
          hs ? (
            <>
              {hs.publicBaseUrl}
              {hs.version ? ` · Synapse ${hs.version}` : ""} · probed <TimeAgo at={view.takenAt} now={now} />
            </>
          ) : (
            <>
              Not probed · bot configs read <TimeAgo at={view.takenAt} now={now} />
            </>
          )
        }
      />
      <div className="flex flex-col gap-5">
        <ProbesSection posture={view.posture} snapshotId={view.snapshotId} />
        <section aria-labelledby="bots-h" className="flex flex-col gap-2">
          <h2 id="bots-h" className="text-base font-semibold">
            Bot configurations
          </h2>
          <p className="text-xs text-zinc-500">
            Each mautrix bot&apos;s config.yaml (its encryption section only) against what its device really has on the homeserver.
          </p>
          <BotConfigs view={view.bots} />
        </section>
        <PostureDetails posture={view.posture} now={now} windowKey={windowKey} />
      </div>
    </>
  );
}
