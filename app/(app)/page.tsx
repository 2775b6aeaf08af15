import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { NotReady } from "@/components/shell/not-ready";
import { ChannelLines } from "@/components/posture/channel-lines";
import { LastScan } from "@/components/posture/last-scan";
import { PostureHistory } from "@/components/posture/posture-history";
import { SeveritySummary } from "@/components/posture/severity-summary";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/session";
import { requireActor } from "@/lib/auth/session";
import { getChannelSummary, getOpenFindingsSummary, getPostureHistory, getScanHistory } from "@/lib/views/overview";
import { getCurrentPosture } from "@/lib/views/posture";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requireActor();
  const [status, channels, findings, history, posture, current] = await Promise.all([
    getSetupStatus(),
    getChannelSummary(),
    getOpenFindingsSummary(),
    getScanHistory(),
    getPostureHistory(30),
    getCurrentPosture(),
  ]);
  const connected = Boolean(status.homeserver || status.mesh);
  return (
    <>
      <PageHeader title="Overview" subtitle="Are the agents' channels safe, and if not, what first?" />
      <section aria-label="Connections" className="mb-5 grid gap-3 md:grid-cols-2">
        <div className="card">
          <h2 className="text-sm font-semibold">Matrix</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {status.homeserver ? (
              <>
                Connected to <span className="mono">{status.homeserver.baseUrl}</span> as{" "}
                <span className="mono">{status.homeserver.userId}</span>
                {status.homeserver.admin ? " (server admin: full inventory)" : " (not admin: partial view)"}
              </>
            ) : (
              <Link className="underline" href="/settings">
                Connect a homeserver
              </Link>
            )}
          </p>
        </div>
        <div className="card">
          <h2 className="text-sm font-semibold">Mesh</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {status.mesh ? (
              <>
                {status.mesh.endpoints.length} endpoints registered; auditor certificate {status.mesh.clientSubject?.replace(/\n/g, ", ")}
              </>
            ) : (
              <Link className="underline" href="/settings">
                Connect the mesh
              </Link>
            )}
          </p>
        </div>
      </section>
      {connected && <LastScan scan={history.latest} trend={history.trend} canScan={can(actor, "scan.run")} />}
      {channels.snapshot || history.trend.length > 0 ? (
        <>
          <ChannelLines matrix={status.homeserver ? channels : null} mesh={status.mesh ? channels : null} />
          <SeveritySummary bySeverity={findings.bySeverity} newest={findings.newest} />
          <PostureHistory current={current} points={posture} />
        </>
      ) : (
        <NotReady status={status} needs="any" what="the posture of your agents' channels" />
      )}
    </>
  );
}
