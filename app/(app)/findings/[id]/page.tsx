import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { MonoId } from "@/components/ui/mono-id";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { formatUtc, TimeAgo } from "@/components/ui/time-ago";
import { AcceptFinding } from "./accept-finding";
import { can, requireActor } from "@/lib/auth/session";
import { maxAcceptanceDate } from "@/lib/findings/accept-finding";
import { timeToFix } from "@/lib/findings/time-to-fix";
import { checkById } from "@/lib/rules/catalogue";
import { getFinding } from "@/lib/views/findings";
import { subjectHref } from "@/lib/views/subject-href";
import { DetailText } from "@/components/ui/detail-text";

export const metadata: Metadata = { title: "Finding" };

/** What the link to the subject's page says, by subject type. */
const SUBJECT_LINK_TEXT: Record<string, string> = {
  room: "Open the room (and remediate)",
  device: "Open the device (keys, signatures, history)",
  user: "Show this user's devices",
  agent: "Open the agent",
  endpoint: "Open the endpoint",
  certificate: "Find the certificate on the Mesh page",
  homeserver: "Open the homeserver",
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card mb-4">
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function When({ label, at }: { label: string; at: Date | null }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-sm">
        {at ? (
          <>
            <TimeAgo at={at} /> <span className="mono text-zinc-500">{formatUtc(at)}</span>
          </>
        ) : (
          "—"
        )}
      </dd>
    </div>
  );
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const canAccept = can(actor, "finding.accept");
  const finding = await getFinding((await params).id);
  if (!finding) notFound();
  const meta = checkById.get(finding.check)?.meta;
  const subjectPage = subjectHref(finding.subjectType, finding.subjectId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/findings" className="text-sky-700 hover:underline dark:text-sky-400">
          ← Findings
        </Link>
      </nav>
      <header className="mb-4">
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
          <SeverityBadge severity={finding.severity} />
          <Badge
            tone={finding.status === "open" ? "critical" : finding.status === "resolved" ? "ok" : "neutral"}
            icon={finding.status === "resolved" ? "check" : "clock"}
          >
            {finding.status}
          </Badge>
          <span className="mono text-base">{finding.check}</span>
          <span>{meta?.title ?? "Unknown check"}</span>
        </h1>
        <p className="mt-2 text-sm">
          <span className="text-zinc-500">{finding.subjectType}</span>{" "}
          {finding.subjectLabel && <span className="font-medium">{finding.subjectLabel}</span>}{" "}
          <MonoId value={finding.subjectId} label="subject id" max="max-w-[40rem]" />
        </p>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          <DetailText text={finding.detail} />
        </p>
        {subjectPage && (
          <Link className="mt-2 inline-block text-sm text-sky-700 underline dark:text-sky-400" href={subjectPage}>
            {SUBJECT_LINK_TEXT[finding.subjectType] ?? `Open the ${finding.subjectType}`}
          </Link>
        )}
      </header>
      {meta && (
        <>
          <Section title="Why it matters">
            <p className="text-sm">{meta.risk}</p>
          </Section>
          <Section title="How to fix it">
            <p className="whitespace-pre-line text-sm">{meta.remediation}</p>
          </Section>
          <Section title="Controls">
            <ul className="flex flex-wrap gap-2">
              {meta.controls.map((c) => (
                <li key={`${c.framework}:${c.id}`}>
                  <Badge tone="neutral">
                    {c.framework} {c.id}
                  </Badge>
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
      <Section title="History">
        <dl className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <When label="First seen" at={finding.firstSeenAt} />
          <When label="Last seen" at={finding.lastSeenAt} />
          <When label="Resolved" at={finding.resolvedAt} />
        </dl>
        {timeToFix(finding.firstSeenAt, finding.resolvedAt) && (
          <p className="mt-3 text-sm">Time to fix: {timeToFix(finding.firstSeenAt, finding.resolvedAt)}</p>
        )}
        {finding.acceptedReason && (
          <p className="mt-3 text-sm">
            Accepted by {finding.acceptedBy} until {finding.acceptedUntil ? formatUtc(finding.acceptedUntil) : "—"}:{" "}
            {finding.acceptedReason}
          </p>
        )}
      </Section>
      {canAccept && (
        <Section title="Exception">
          <AcceptFinding id={finding.id} status={finding.status} maxDate={maxAcceptanceDate()} />
        </Section>
      )}
      <Section title="Evidence">
        {/* Raw facts as a text node in <pre>: hostile strings from the homeserver stay inert. */}
        <pre className="mono max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-3 dark:bg-zinc-950">
          {JSON.stringify(finding.evidence, null, 2)}
        </pre>
      </Section>
    </>
  );
}
