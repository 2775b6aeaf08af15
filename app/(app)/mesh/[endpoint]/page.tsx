import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { CertCard } from "@/components/mesh/cert-card";
import { EndpointFindings } from "@/components/mesh/endpoint-findings";
import { ProbesTable } from "./probes-table";
import { VerdictsTable } from "@/components/mesh/verdicts-table";
import { EndpointStatusBadge, Flag } from "@/components/mesh/status-badge";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";
import { PageHeader } from "@/components/ui/page-header";
import { UnreadableSnapshot } from "@/components/ui/unreadable-snapshot";
import { requireActor } from "@/lib/auth/session";
import { getEndpointDetail } from "@/lib/views/mesh";
import { ConformanceProbes } from "./conformance-probes";

type Params = { params: Promise<{ endpoint: string }> };

/** The segment is host:port URL-encoded; decode once, and treat a malformed escape as "no such endpoint". */
async function endpointOf(params: Params["params"]): Promise<string | null> {
  const raw = (await params).endpoint;
  try {
    return raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await endpointOf(params)) ?? "Endpoint"} · Mesh` };
}

export default async function EndpointPage({ params }: Params) {
  await requireActor();
  const endpoint = await endpointOf(params);
  const detail = endpoint ? await getEndpointDetail(endpoint) : null;
  if (!detail) notFound();
  const { row, facts, findings, snapshot, verdicts, conformance } = detail;
  const now = new Date();
  return (
    <>
      <Breadcrumb parent={{ href: "/mesh", label: "Mesh" }}>
        <span className="mono">{row.endpoint}</span>
      </Breadcrumb>
      <PageHeader
        title={row.endpoint}
        subtitle={
          <>
            As probed <TimeAgo at={snapshot.takenAt} now={now} />
            {snapshot.status === "partial" && " (partial scan)"}
          </>
        }
        actions={<EndpointStatusBadge status={row.status} />}
      />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="facts-h" className="card">
          <h2 id="facts-h" className="sr-only">
            What it enforces
          </h2>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-4">
            <div className="min-w-0">
              <dt className="label">Agent</dt>
              <dd>
                <Truncated text={row.agent} className="max-w-full" />
              </dd>
            </div>
            <div className="col-span-2 min-w-0 md:col-span-3">
              <dt className="label">Expected SPIFFE id (registry)</dt>
              <dd>
                <Truncated text={row.expectedIdentity} className="max-w-full mono" />
              </dd>
            </div>
            <div>
              <dt className="label">Protocol (with auditor cert)</dt>
              <dd className="mono">{row.protocol ?? "—"}</dd>
            </div>
            <div>
              <dt className="label">mTLS enforced</dt>
              <dd>
                <Flag value={row.clientCertRequired} good={true} />
              </dd>
            </div>
            <div>
              <dt className="label">Legacy TLS</dt>
              <dd>
                <Flag value={row.acceptsLegacyTls} good={false} yes="Accepted" no="Refused" />
              </dd>
            </div>
            <div>
              <dt className="label">Plain HTTP</dt>
              <dd>
                <Flag value={row.plainHttp} good={false} yes="Answers" no="No" />
              </dd>
            </div>
            {row.error && (
              <div className="col-span-full min-w-0">
                <dt className="label">Error</dt>
                <dd>
                  <Truncated text={row.error} className="max-w-full text-red-700 dark:text-red-300" />
                </dd>
              </div>
            )}
          </dl>
        </section>

        <section aria-labelledby="verdicts-h" className="flex flex-col gap-2">
          <h2 id="verdicts-h" className="text-base font-semibold">
            Checks <span className="text-sm font-normal text-zinc-500">(expected → observed → verdict)</span>
          </h2>
          <VerdictsTable verdicts={verdicts} endpoint={row.endpoint} />
        </section>

        <section aria-labelledby="findings-h" className="flex flex-col gap-2">
          <h2 id="findings-h" className="text-base font-semibold">
            Findings
          </h2>
          <EndpointFindings findings={findings} now={now} />
        </section>

        {facts === null ? (
          <UnreadableSnapshot message={detail.unreadable} />
        ) : (
          <>
            <section aria-labelledby="chain-h" className="flex flex-col gap-2">
              <h2 id="chain-h" className="text-base font-semibold">
                Certificate chain <span className="text-sm font-normal text-zinc-500">(leaf first, as the endpoint sent it)</span>
              </h2>
              {facts.chain.length === 0 ? (
                <p className="text-sm text-zinc-500">No TLS handshake completed, so no certificate was seen.</p>
              ) : (
                facts.chain.map((c, i) => <CertCard key={`${c.fingerprint256}-${i}`} cert={c} position={i} now={now} />)
              )}
            </section>

            <section aria-labelledby="probes-h" className="flex flex-col gap-2">
              <h2 id="probes-h" className="text-base font-semibold">
                Probe attempts
              </h2>
              <ProbesTable probes={facts.probes} />
            </section>

            {conformance && <ConformanceProbes conformance={conformance} endpoint={row.endpoint} verdicts={verdicts} />}
          </>
        )}
      </div>
    </>
  );
}
