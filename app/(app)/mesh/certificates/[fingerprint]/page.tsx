import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CertStatusBadge } from "@/components/mesh/status-badge";
import { FindingList } from "@/components/posture/finding-list";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { UnreadableSnapshot } from "@/components/ui/unreadable-snapshot";
import { requireActor } from "@/lib/auth/session";
import { validityState } from "@/lib/views/certificate-view";
import { getCertificateDetail } from "@/lib/views/certificate-view-detail";
import { ChainList, FactsSection, HistoryLine, SeenAtList, TrustLine, ValiditySection } from "./certificate-sections";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Certificate · Mesh" };

type Params = { params: Promise<{ fingerprint: string }> };

/** A pasted "AB:CD …" fingerprint arrives escaped; a malformed escape is kept as is and then matches nothing. */
function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default async function CertificatePage({ params }: Params) {
  await requireActor();
  const detail = await getCertificateDetail(decode((await params).fingerprint));
  if (!detail) notFound();
  const { facts, snapshot } = detail;
  const now = new Date();
  return (
    <>
      <Breadcrumb parent={{ href: "/mesh", label: "Mesh" }}>certificate</Breadcrumb>
      <header className="mb-4 flex min-w-0 flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">
            <Truncated text={facts?.subject ?? `Certificate ${detail.fingerprint.slice(0, 16)}…`} className="max-w-full" />
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            As seen by the scan <TimeAgo at={snapshot.takenAt} now={now} />
            {snapshot.status === "partial" && " (partial scan)"}
          </p>
        </div>
        {detail.status && <CertStatusBadge status={detail.status} />}
      </header>
      {detail.unreadable && <UnreadableSnapshot message={detail.unreadable} />}
      <Section id="certificate" title="Certificate">
        <FactsSection detail={detail} />
      </Section>
      {facts && (
        <Section id="validity" title="Validity">
          <ValiditySection notBefore={facts.notBefore} notAfter={facts.notAfter} validity={validityState(facts, now)} />
        </Section>
      )}
      <Section id="chain" title="Chain and trust">
        <TrustLine trust={detail.trust} />
        <ChainList sightings={detail.sightings} fingerprint={detail.fingerprint} />
      </Section>
      <Section id="seen-at" title={`Where it was seen (${detail.sightings.length})`}>
        <SeenAtList sightings={detail.sightings} />
      </Section>
      <Section id="open-findings" title={`Open findings (${detail.open.length})`}>
        <FindingList findings={detail.open} empty="No open findings for this certificate." />
      </Section>
      <Section id="past-findings" title={`Past findings (${detail.past.length})`}>
        <FindingList findings={detail.past} empty="No resolved or accepted findings for this certificate." />
      </Section>
      <Section id="history" title="History">
        <HistoryLine history={detail.history} />
      </Section>
    </>
  );
}
