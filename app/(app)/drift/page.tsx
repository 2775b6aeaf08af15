import type { Metadata } from "next";
import { FilterChips } from "@/components/ui/filter-chips";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { UnreadableSnapshot } from "@/components/ui/unreadable-snapshot";
import { formatUtc } from "@/components/ui/time-ago";
import { can, requireActor } from "@/lib/auth/session";
import { CHANGE_KINDS, type Change, type ChangeKind } from "@/lib/drift/types";
import { getDriftView } from "@/lib/drift/view";
import { getSetupStatus } from "@/lib/views/setup-status";
import { AcceptBaseline } from "./accept-baseline";
import { ChangeTable } from "./change-table";

export const metadata: Metadata = { title: "Drift" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DriftPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const view = await getDriftView();
  if (!view) {
    return (
      <>
        <PageHeader title="Drift" />
        <NotReady status={await getSetupStatus()} needs="any" what="what changed since the accepted baseline" />
      </>
    );
  }
  const sp = await searchParams;
  const kind = typeof sp.kind === "string" && (CHANGE_KINDS as readonly string[]).includes(sp.kind) ? (sp.kind as ChangeKind) : undefined;
  // A side that could not be compared lists nothing, and says why where its count would be.
  const sinceBaseline = "changes" in view.sinceBaseline ? view.sinceBaseline.changes : [];
  const sincePrevious = "changes" in view.sincePrevious ? view.sincePrevious.changes : [];
  const only = (cs: Change[]) => (kind ? cs.filter((c) => c.kind === kind) : cs);
  const present = CHANGE_KINDS.filter((k) => sinceBaseline.some((c) => c.kind === k) || sincePrevious.some((c) => c.kind === k));
  const baseline = view.baseline;
  return (
    <>
      <PageHeader
        title="Drift"
        subtitle={
          <span data-testid="baseline-label">
            Baseline:{" "}
            {baseline ? (
              <>
                {baseline.label}, scan of <span className="mono">{formatUtc(baseline.takenAt)}</span>
                {baseline.accepted && baseline.acceptedBy ? (
                  <>
                    {" "}
                    (accepted by {baseline.acceptedBy}
                    {baseline.acceptedAt ? ` at ${formatUtc(baseline.acceptedAt)}` : ""})
                  </>
                ) : null}
              </>
            ) : (
              "none"
            )}
          </span>
        }
        actions={
          // Stays mounted once the latest scan is the baseline, so its confirmation message survives the refresh.
          can(actor, "baseline.accept") ? (
            <AcceptBaseline
              snapshotId={view.latest.snapshotId}
              takenAt={formatUtc(view.latest.takenAt)}
              replaces={baseline?.accepted ? formatUtc(baseline.takenAt) : undefined}
              isBaseline={baseline?.accepted === true && baseline.snapshotId === view.latest.snapshotId}
            />
          ) : undefined
        }
      />
      {present.length > 0 && (
        <div className="mb-4">
          <FilterChips
            path="/drift"
            query={kind ? { kind } : {}}
            chips={present.map((k) => ({ label: k, param: "kind", value: k }))}
            label="Filter by kind"
          />
        </div>
      )}
      <section aria-labelledby="since-baseline" className="card mb-5">
        <h2 id="since-baseline" className="mb-1 text-base font-semibold">
          Since the baseline
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          {baseline && baseline.snapshotId !== view.latest.snapshotId ? (
            <>
              From the {baseline.label} ({formatUtc(baseline.takenAt)}) to the latest complete scan ({formatUtc(view.latest.takenAt)}):{" "}
              {"changes" in view.sinceBaseline ? `${sinceBaseline.length} change(s).` : "not compared."}
            </>
          ) : (
            "The latest complete scan is the baseline: nothing to compare yet."
          )}
        </p>
        {"notCompared" in view.sinceBaseline ? (
          <UnreadableSnapshot message={view.sinceBaseline.notCompared} />
        ) : (
          <ChangeTable changes={only(sinceBaseline)} caption="Changes since the baseline" />
        )}
      </section>
      <section aria-labelledby="since-previous" className="card">
        <h2 id="since-previous" className="mb-1 text-base font-semibold">
          Since the previous scan
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          {view.previous ? (
            <>
              From {formatUtc(view.previous.takenAt)} to {formatUtc(view.latest.takenAt)}:{" "}
              {"changes" in view.sincePrevious ? `${sincePrevious.length} change(s).` : "not compared."}
            </>
          ) : (
            "Only one complete scan so far."
          )}
        </p>
        {"notCompared" in view.sincePrevious ? (
          <UnreadableSnapshot message={view.sincePrevious.notCompared} />
        ) : (
          <ChangeTable changes={only(sincePrevious)} caption="Changes since the previous scan" />
        )}
      </section>
    </>
  );
}
