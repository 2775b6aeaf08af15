import type { Metadata } from "next";
import { AgentsTable } from "@/components/agents/agents-table";
import { Undeclared } from "@/components/agents/undeclared";
import { TimeAgo } from "@/components/ui/time-ago";
import { NotReady } from "@/components/shell/not-ready";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { UnreadableSnapshot } from "@/components/ui/unreadable-snapshot";
import { requireActor } from "@/lib/auth/session";
import { getAgentsOverview } from "@/lib/views/agents";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  await requireActor();
  const now = new Date();
  const [status, view] = await Promise.all([getSetupStatus(), getAgentsOverview()]);
  if ((!status.homeserver && !status.mesh) || !status.lastScan) {
    return (
      <>
        <PageHeader title="Agents" />
        <NotReady status={status} needs="any" what="each agent across Matrix and the mesh" />
      </>
    );
  }
  if (!view) {
    return (
      <>
        <PageHeader title="Agents" />
        <EmptyState title="No scan has finished yet">
          <p>Every scan so far failed or is still running. The Overview shows why.</p>
        </EmptyState>
      </>
    );
  }
  if (view.unreadable !== null) {
    return (
      <>
        <PageHeader
          title="Agents"
          subtitle={
            <>
              As of the scan <TimeAgo at={view.snapshot.takenAt} now={now} />
            </>
          }
        />
        <UnreadableSnapshot message={view.unreadable} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Agents"
        subtitle={
          <>
            {view.rows.length} declared agent{view.rows.length === 1 ? "" : "s"}, as of the scan{" "}
            <TimeAgo at={view.snapshot.takenAt} now={now} />
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {!view.hasRegistry ? (
          <EmptyState title="This snapshot predates registry recording" action={{ href: "/", label: "Run a scan" }}>
            <p>Snapshots record the agent registry they were judged against since this version. Run a scan to list agents.</p>
          </EmptyState>
        ) : view.rows.length === 0 ? (
          <EmptyState title="No agents declared" action={{ href: "/settings", label: "Settings" }}>
            <p>
              Vigil judges what it sees against the agents you declare. Add a registry file (<code className="mono">registry:</code> in{" "}
              <code className="mono">vigil.config.yaml</code>).
            </p>
          </EmptyState>
        ) : (
          <AgentsTable rows={view.rows} now={now} />
        )}
        {view.hasRegistry && <Undeclared undeclared={view.undeclared} />}
      </div>
    </>
  );
}
