import { groupFingerprint } from "@/components/mesh/cert-card";
import { SeenSummary } from "@/components/posture/device-history";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Link } from "@/components/ui/link";
import { formatUtc, TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import type { CertificateDetail } from "@/lib/views/certificate-view-detail";
import type { CertificateSighting, TrustState } from "@/lib/views/certificate-view";
import { certificateHref, endpointPageHref } from "@/lib/views/subject-href";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1 text-sm">
      <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

const List = ({ items }: { items: string[] }) =>
  items.length === 0 ? (
    <span className="text-zinc-500">none</span>
  ) : (
    <ul>
      {items.slice(0, 50).map((s, i) => (
        <li key={i}>
          <Truncated text={s} className="max-w-full mono" />
        </li>
      ))}
      {items.length > 50 && <li className="text-xs text-zinc-500">and {items.length - 50} more</li>}
    </ul>
  );

/** Subject, issuer, SANs and key, as the prober read them from the DER. */
export function FactsSection({ detail }: { detail: CertificateDetail }) {
  const { facts, sans } = detail;
  return (
    <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
      <Row label="SHA-256">
        <span className="flex items-center gap-2">
          <code className="mono break-all" title={detail.fingerprint}>
            {groupFingerprint(detail.fingerprint)}
          </code>
          <CopyButton value={detail.fingerprint} label="fingerprint" />
        </span>
      </Row>
      {facts && sans && (
        <>
          <Row label="Subject">
            <Truncated text={facts.subject} className="max-w-full" />
          </Row>
          <Row label="Issuer">
            <Truncated text={facts.issuer} className="max-w-full" />
          </Row>
          <Row label="SPIFFE id">
            <List items={facts.spiffeId ? [facts.spiffeId] : sans.spiffe} />
          </Row>
          <Row label="DNS names">
            <List items={sans.dns} />
          </Row>
          <Row label="IP addresses">
            <List items={sans.ip} />
          </Row>
          {sans.other.length > 0 && (
            <Row label="Other SANs">
              <List items={sans.other} />
            </Row>
          )}
          <Row label="Serial">
            <Truncated text={facts.serialNumber} className="max-w-full mono" />
          </Row>
          <Row label="Key">
            {facts.keyType ?? "unknown"}
            {facts.keyBits ? ` ${facts.keyBits} bits` : ""}
            {facts.signatureAlgorithm ? `, signed with ${facts.signatureAlgorithm}` : ""}
          </Row>
        </>
      )}
    </dl>
  );
}

/** Not before / not after in UTC, and the expiry as a live relative time (the page may stay open for hours). */
export function ValiditySection({ notBefore, notAfter, validity }: { notBefore: string; notAfter: string; validity: string }) {
  return (
    <dl className="divide-y divide-zinc-100 dark:divide-zinc-800" data-validity={validity}>
      <Row label="State">
        <Badge tone={validity === "valid" ? "ok" : "critical"} icon={validity === "valid" ? "check" : "clock"}>
          {validity.replace(/-/g, " ")}
        </Badge>
      </Row>
      <Row label="Not before">
        <span className="mono">{formatUtc(new Date(notBefore))}</span>
      </Row>
      <Row label="Not after">
        <span className="mono">{formatUtc(new Date(notAfter))}</span>{" "}
        <span data-testid="expires">
          ({validity === "expired" ? "expired" : "expires"} <TimeAgo at={notAfter} />)
        </span>
      </Row>
    </dl>
  );
}

const TRUST_LOOK: Record<TrustState, { tone: BadgeTone; icon: string; word: string }> = {
  "trusted": { tone: "ok", icon: "shieldCheck", word: "chains to the mesh CA" },
  "incomplete-chain": { tone: "high", icon: "finding", word: "incomplete chain" },
  "untrusted": { tone: "critical", icon: "shieldCross", word: "untrusted" },
};

export function TrustLine({ trust }: { trust: CertificateDetail["trust"] }) {
  if (!trust) return <p className="text-sm text-zinc-600 dark:text-zinc-400">The latest scan did not see this certificate.</p>;
  const look = TRUST_LOOK[trust.state];
  return (
    <p className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-trust={trust.state}>
      <Badge tone={look.tone} icon={look.icon}>
        {look.word}
      </Badge>
      <span className="min-w-0 break-words text-zinc-700 dark:text-zinc-300">{trust.detail}</span>
    </p>
  );
}

/** Each chain the certificate sits in, leaf first as the endpoint sent it; this certificate marked, the others linked. */
export function ChainList({ sightings, fingerprint }: { sightings: CertificateSighting[]; fingerprint: string }) {
  const chains = sightings.filter((s) => s.kind === "endpoint");
  if (chains.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Not seen in any endpoint&apos;s chain.</p>;
  return (
    <div className="flex flex-col gap-3">
      {chains.map((s) => (
        <div key={s.endpoint} className="min-w-0">
          <p className="mb-1 text-xs text-zinc-500">
            as sent by{" "}
            <Link href={endpointPageHref(s.endpoint)} className="mono hover:underline">
              {s.endpoint}
            </Link>
          </p>
          <ol aria-label={`Chain sent by ${s.endpoint}`} className="flex flex-col gap-1">
            {s.chain.map((c, i) => (
              <li key={`${c.fingerprint256}-${i}`} className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                <span className="w-16 shrink-0 text-xs text-zinc-500">{i === 0 ? "leaf" : `#${i}`}</span>
                {c.fingerprint256 === fingerprint ? (
                  <span className="flex min-w-0 items-center gap-1 font-medium" aria-current="true">
                    <Truncated text={c.subject} className="max-w-[36rem]" />
                    <span className="whitespace-nowrap text-xs font-normal text-zinc-500">(this certificate)</span>
                  </span>
                ) : (
                  <Link href={certificateHref(c.fingerprint256)} className="min-w-0 hover:underline">
                    <Truncated text={c.subject} className="max-w-[36rem]" />
                  </Link>
                )}
                <Badge tone={c.trusted ? "ok" : "critical"} icon={c.trusted ? "shieldCheck" : "shieldCross"}>
                  {c.trusted ? "trusted" : "untrusted"}
                </Badge>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

export function SeenAtList({ sightings }: { sightings: CertificateSighting[] }) {
  if (sightings.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Not seen by the latest scan.</p>;
  return (
    <ul aria-label="Where it was seen" className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {sightings.map((s) =>
        s.kind === "endpoint" ? (
          <li key={`e-${s.endpoint}`} className="flex flex-wrap items-center gap-2 py-1.5 text-sm">
            <Badge tone="neutral">endpoint</Badge>
            <Link href={endpointPageHref(s.endpoint)} className="mono hover:underline">
              {s.endpoint}
            </Link>
            <span className="text-xs text-zinc-500">{s.position === 0 ? "its leaf" : `chain certificate ${s.position}`}</span>
          </li>
        ) : (
          <li key={`f-${s.path}`} className="flex min-w-0 flex-wrap items-center gap-2 py-1.5 text-sm">
            <Badge tone="neutral">file</Badge>
            <Truncated text={s.path} className="max-w-[40rem] mono" />
          </li>
        ),
      )}
    </ul>
  );
}

export function HistoryLine({ history }: { history: CertificateDetail["history"] }) {
  return <SeenSummary firstSeen={history.firstSeen} lastSeen={history.lastSeen} scans={`held by ${history.scans} stored scans`} />;
}
