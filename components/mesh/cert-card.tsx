import type { CertFacts } from "@/lib/snapshot/types";
import { Icon } from "@/components/ui/icon";
import { Truncated } from "@/components/ui/truncated";
import { Link } from "@/components/ui/link";
import { certificateHref } from "@/lib/views/subject-href";
import { ValidityBar } from "./validity-bar";

/** SHA-256 in groups of four, as Element shows key fingerprints: easier to compare by eye. */
export const groupFingerprint = (hex: string) =>
  hex
    .toUpperCase()
    .match(/.{1,4}/g)
    ?.join(" ") ?? hex;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1 text-sm">
      <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** One certificate of a chain, with every fact the prober read and whether it chains to the mesh CA. */
export function CertCard({ cert, position, now }: { cert: CertFacts; position: number; now: Date }) {
  const role = position === 0 ? "Leaf" : `Chain certificate ${position}`;
  return (
    <article className="card flex flex-col gap-3" aria-label={`${role}: ${cert.subject}`}>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="min-w-0 text-sm font-semibold">
          <span className="text-zinc-500">{role} · </span>
          <Link href={certificateHref(cert.fingerprint256)} className="hover:underline">
            <Truncated text={cert.subject} className="inline-block max-w-xl align-bottom" />
          </Link>
        </h3>
        {cert.trusted ? (
          <span className="inline-flex items-center gap-1 text-xs font-medium text-green-800 dark:text-green-300">
            <Icon name="shieldCheck" className="h-4 w-4" />
            Chains to the mesh CA
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-xs font-medium text-red-700 dark:text-red-300">
            <Icon name="shieldCross" className="h-4 w-4" />
            Untrusted
          </span>
        )}
      </header>
      <ValidityBar notBefore={cert.notBefore} notAfter={cert.notAfter} now={now} />
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row label="Subject">
          <Truncated text={cert.subject} className="max-w-full" />
        </Row>
        <Row label="Issuer">
          <Truncated text={cert.issuer} className="max-w-full" />
        </Row>
        <Row label="Serial">
          <Truncated text={cert.serialNumber} className="max-w-full mono" />
        </Row>
        <Row label="SPIFFE id">
          <Truncated text={cert.spiffeId} className="max-w-full mono" />
        </Row>
        <Row label="SANs">
          {cert.sans.length === 0 ? (
            <span className="text-zinc-500">none</span>
          ) : (
            <ul>
              {cert.sans.slice(0, 50).map((s, i) => (
                <li key={i}>
                  <Truncated text={s} className="max-w-full mono" />
                </li>
              ))}
            </ul>
          )}
          {cert.sans.length > 50 && <span className="text-xs text-zinc-500">and {cert.sans.length - 50} more</span>}
        </Row>
        <Row label="Key">
          {cert.keyType ?? "unknown"}
          {cert.keyBits ? ` ${cert.keyBits} bits` : ""}
        </Row>
        <Row label="Signature">{cert.signatureAlgorithm ?? <span className="text-zinc-500">unknown</span>}</Row>
        <Row label="SHA-256">
          <code className="mono block break-all" title={cert.fingerprint256}>
            {groupFingerprint(cert.fingerprint256)}
          </code>
        </Row>
        {!cert.trusted && (
          <Row label="Why untrusted">
            <Truncated text={cert.trustError ?? "no reason recorded"} className="max-w-full text-red-700 dark:text-red-300" />
          </Row>
        )}
      </dl>
    </article>
  );
}
