import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { IsoDateInput } from "@/components/ui/iso-date-input";
import { PageHeader } from "@/components/ui/page-header";
import { can, requireActor } from "@/lib/auth/session";
import { FRAMEWORKS } from "@/lib/evidence/controls-catalogue";
import { parseEvidenceParams } from "@/lib/evidence/request-params";
import type { EvidenceSource } from "@/lib/evidence/source";
import { getEvidenceExports, getEvidencePreview } from "@/lib/views/evidence";
import { getSetupStatus } from "@/lib/views/setup-status";
import { ControlTable } from "./control-table";
import { ExportButton } from "./export-button";
import { ExportHistory, SigningKeySection } from "./history-and-key";

export const metadata: Metadata = { title: "Evidence" };

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const status = await getSetupStatus();
  if (!status.lastScan) {
    return (
      <>
        <PageHeader title="Evidence" />
        <NotReady status={status} needs="any" what="exportable compliance evidence" />
      </>
    );
  }
  const parsed = parseEvidenceParams((k) => sp[k]);
  let preview: EvidenceSource | undefined;
  let problem = parsed.ok ? undefined : parsed.error;
  if (parsed.ok) {
    const found = await getEvidencePreview({
      request: parsed.params.request,
      frameworks: parsed.params.frameworks,
      generatedBy: actor.email,
    });
    if ("preview" in found) preview = found.preview;
    else problem = found.problem;
  }
  const { history, publicKey } = await getEvidenceExports();
  // After a bad input, the form still shows usable dates: the raw text where there was one, else the defaults.
  const fallback = parseEvidenceParams(() => undefined);
  const chosen = parsed.ok ? parsed.params : fallback.ok ? fallback.params : undefined;
  const query = parsed.ok
    ? new URLSearchParams({ from: parsed.params.from, to: parsed.params.to, fw: parsed.params.frameworks.join(",") }).toString()
    : "";
  const mayExport = can(actor, "evidence.export");
  const counts = preview ? countStatuses(preview) : undefined;

  return (
    <>
      <PageHeader title="Evidence" subtitle="Signed, offline-verifiable bundles mapped to SOC 2, HIPAA and ISO/IEC 27001." />
      <div className="flex flex-col gap-5">
        <form method="get" className="card flex flex-wrap items-end gap-4" aria-label="Evidence period and frameworks">
          <label className="flex flex-col gap-1 text-sm">
            <span className="label">From (UTC)</span>
            <IsoDateInput className="input" name="from" defaultValue={typeof sp.from === "string" ? sp.from : chosen?.from} required />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="label">To (UTC)</span>
            <IsoDateInput className="input" name="to" defaultValue={typeof sp.to === "string" ? sp.to : chosen?.to} required />
          </label>
          <fieldset className="flex flex-wrap gap-3 text-sm">
            <legend className="label mb-1">Frameworks</legend>
            {FRAMEWORKS.map((f) => (
              <label key={f.id} className="flex items-center gap-1.5">
                <input type="checkbox" name="fw" value={f.id} defaultChecked={!parsed.ok || parsed.params.frameworks.includes(f.id)} />
                {f.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn">
            Preview
          </button>
        </form>

        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}

        {preview && parsed.ok && (
          <section aria-labelledby="preview" className="flex flex-col gap-3">
            {/* The title above, the button under it at the left: nothing that changes after an export can move the button. */}
            <div className="flex flex-col items-start gap-2">
              <h2 id="preview" className="font-semibold">
                {parsed.params.from} – {parsed.params.to}: {preview.meta.scans.length} scan{preview.meta.scans.length === 1 ? "" : "s"},{" "}
                {preview.summary.findings} finding{preview.summary.findings === 1 ? "" : "s"}
                {counts && <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">({counts})</span>}
              </h2>
              {mayExport ? <ExportButton query={query} /> : <p className="text-sm text-zinc-600">Exporting needs the auditor role.</p>}
            </div>
            <ControlTable controls={preview.matrix} />
          </section>
        )}

        <SigningKeySection publicKey={publicKey} />

        <section aria-labelledby="history" className="flex flex-col gap-2">
          <h2 id="history" className="font-semibold">
            Export history
          </h2>
          <ExportHistory rows={history} />
        </section>
        <p className="text-xs text-zinc-500">Scheduled exports are not offered yet: export on demand for each audit period.</p>
      </div>
    </>
  );
}

function countStatuses(src: EvidenceSource): string {
  const n = (s: string) => src.matrix.filter((c) => c.status === s).length;
  return `${n("satisfied")} satisfied, ${n("failing")} failing, ${n("exceptions")} with exceptions, ${n("incomplete")} partly assessed, ${n("not-assessed")} not assessed`;
}
