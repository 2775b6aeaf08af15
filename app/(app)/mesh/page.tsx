import type { Metadata } from "next";
import { CertFilesTable } from "@/components/mesh/cert-files-table";
import { ExpiryTimeline } from "@/components/mesh/expiry-timeline";
import { EndpointsTable } from "@/components/mesh/endpoints-table";
import { FilterChips, meshHref } from "@/components/mesh/filter-chips";
import { MeshSummary } from "@/components/mesh/summary-line";
import { parseWindow } from "@/components/mesh/timeline-scale";
import { TimeAgo } from "@/components/ui/time-ago";
import { SearchBox } from "@/components/posture/search-box";
import { ActiveFilters } from "@/components/ui/active-filters";
import { NotReady } from "@/components/shell/not-ready";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { ENDPOINT_STATUSES, getMeshOverview, parseMeshFilters } from "@/lib/views/mesh";
import { toQuery } from "@/lib/views/search-params";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Mesh" };

/** The URL keys the "Filtered by" line names, each removable on its own. */
const FILTER_LABELS = { q: "text", status: "status", expires: "expires within" };

export default async function MeshPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor();
  const sp = await searchParams;
  const filters = parseMeshFilters(sp);
  const query = toQuery(sp);
  const windowKey = parseWindow(sp.window);
  const now = new Date();
  const [status, mesh] = await Promise.all([getSetupStatus(), getMeshOverview(filters, now)]);

  if (!status.mesh || !status.lastScan) {
    return (
      <>
        <PageHeader title="Mesh" />
        <NotReady status={status} needs="mesh" what="endpoints, certificates and what they enforce" />
      </>
    );
  }
  if (!mesh || (!filters.q && mesh.counts.endpoints + mesh.certificates.length === 0)) {
    return (
      <>
        <PageHeader title="Mesh" />
        <EmptyState title={mesh ? "The last scan saw no mesh" : "No scan has finished yet"}>
          <p>
            {mesh
              ? "No endpoint or certificate was recorded. Check the endpoints in Settings → Mesh, then scan again."
              : "Every scan so far failed or is still running. The Overview shows why; run a scan again once it is fixed."}
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Mesh"
        subtitle={
          <>
            As probed <TimeAgo at={mesh.snapshot.takenAt} now={now} />
            {mesh.snapshot.status === "partial" && (
              <span className="font-medium text-amber-700 dark:text-amber-300"> — partial scan, some endpoints may be missing</span>
            )}
          </>
        }
      />
      <div className="flex flex-col gap-5">
        <MeshSummary counts={mesh.counts} />
        <div className="flex flex-col gap-2">
          <SearchBox
            path="/mesh"
            query={query}
            label="Search the mesh by host, agent, identity or certificate fingerprint"
            placeholder="Host, agent, SPIFFE id or fingerprint"
          />
          <ActiveFilters path="/mesh" query={query} labels={FILTER_LABELS} />
        </div>
        <section aria-labelledby="endpoints-h" className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="endpoints-h" className="text-base font-semibold">
              Endpoints{" "}
              <span className="text-sm font-normal text-zinc-500">
                ({mesh.endpoints.length} of {mesh.counts.endpoints})
              </span>
            </h2>
            <FilterChips filters={filters} window={windowKey} statuses={ENDPOINT_STATUSES} />
          </div>
          <EndpointsTable rows={mesh.endpoints} now={now} />
          {mesh.truncated && <p className="text-xs text-zinc-500">Showing the first 1000 endpoints; narrow the filters to see the rest.</p>}
        </section>
        <ExpiryTimeline certs={mesh.certificates} now={now} windowKey={windowKey} hrefFor={(w) => meshHref({ ...filters, window: w })} />
        <CertFilesTable files={mesh.files} now={now} />
      </div>
    </>
  );
}
