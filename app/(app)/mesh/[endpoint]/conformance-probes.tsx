import { VerdictsTable } from "@/components/mesh/verdicts-table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PlainHeader } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import { conformanceChecks } from "@/lib/rules/checks/mesh/conformance";
import type { EndpointVerdict } from "@/lib/scan/mesh-rows";
import { answerClass, type CardConformance, type EndpointConformance, type SentProbe } from "@/lib/snapshot/conformance";

/**
 * The active conformance probes (issue #18) Vigil sent to this endpoint, each as sent → answered → verdict. Labelled
 * active: unlike the TLS attempts, these are signed requests the agent may log or act on, and they exist only because
 * the registry declared them. The verdict of a probe reads against the canary: the canary must be accepted, every
 * other probe refused.
 */
const PROBE_NAME: Record<SentProbe["kind"], string> = {
  "canary": "Legitimate canary",
  "replay": "Replay",
  "stale": "Stale timestamp",
  "future": "Future timestamp",
  "tampered-body": "Tampered body",
  "wrong-signature": "Wrong signature",
  "unknown-sender": "Unknown sender",
  "unsigned": "No signature",
  "capability-out-of-scope": "Out-of-scope capability",
};

function answered(p: SentProbe): string {
  if (p.outcome === "answered") return p.summary ?? `HTTP ${p.status}`;
  return `${p.outcome}${p.error ? `: ${p.error}` : ""}`;
}

function verdict(p: SentProbe, canaryAccepted: boolean): { tone: BadgeTone; word: string } {
  const c = answerClass(p);
  if (p.kind === "canary") {
    return c === "accepted"
      ? { tone: "ok", word: "accepted, as it must be" }
      : { tone: "neutral", word: "not accepted: nothing can be told" };
  }
  if (!canaryAccepted || c === "undecided") return { tone: "neutral", word: "could not tell" };
  return c === "refused" ? { tone: "ok", word: "refused" } : { tone: "critical", word: "accepted" };
}

function CardFacts({ card }: { card: CardConformance }) {
  const judged = (s: NonNullable<CardConformance["signatures"]>[number]) =>
    s.keyDeclared ? (s.valid ? "valid, declared key" : "INVALID") : "key not declared";
  const signatures = card.signatures?.map((s) => `${s.kid ?? "(no kid)"} ${s.alg ?? ""}: ${judged(s)}`);
  const what =
    card.skipped ??
    (card.outcome !== "answered"
      ? `${card.outcome}${card.error ? `: ${card.error}` : ""}`
      : card.location
        ? `${card.status} redirect to ${card.location} (not followed)`
        : card.overCap
          ? `over the ${card.maxBytes}-byte cap (not read)`
          : `${card.status}, ${card.bytes ?? 0} bytes${card.parseError ? `, ${card.parseError}` : ""}`);
  return (
    <dl className="card grid grid-cols-1 gap-2 text-sm md:grid-cols-3">
      <div>
        <dt className="label">Sent</dt>
        <dd className="mono">GET {card.path}</dd>
      </div>
      <div className="min-w-0">
        <dt className="label">Answered</dt>
        <dd>
          <Truncated text={what} className="max-w-full" />
        </dd>
      </div>
      <div className="min-w-0">
        <dt className="label">Signatures</dt>
        <dd>{signatures === undefined ? "—" : signatures.length === 0 ? "none (unsigned)" : signatures.join("; ")}</dd>
      </div>
    </dl>
  );
}

function ProbeHead() {
  return (
    <tr>
      <PlainHeader label="Probe" />
      <PlainHeader label="Sent" />
      <PlainHeader label="Answered" />
      <PlainHeader label="Verdict" />
      <PlainHeader label="ms" className="text-right" />
    </tr>
  );
}

export interface ConformanceProbesProps {
  conformance: EndpointConformance;
  endpoint: string;
  /** The endpoint's verdicts; the conformance checks among them are shown under the probes they judge. */
  verdicts: EndpointVerdict[];
}

export function ConformanceProbes({ conformance, endpoint, verdicts }: ConformanceProbesProps) {
  const m = conformance.messages;
  const judged = new Set(verdicts.map((v) => v.check));
  // Only the checks that apply here (a card server gets no message verdicts): the rest would read "not examined".
  const checks = conformanceChecks.filter((c) => judged.has(c.meta.id));
  const canary = m?.probes.find((p) => p.kind === "canary");
  const canaryAccepted = canary !== undefined && answerClass(canary) === "accepted";
  return (
    <section aria-labelledby="conformance-h" className="flex flex-col gap-2">
      <h2 id="conformance-h" className="flex items-center gap-2 text-base font-semibold">
        Conformance probes{" "}
        <Badge tone="medium" icon="key" title="Signed requests Vigil sent because the registry declares them">
          active
        </Badge>
        <span className="text-sm font-normal text-zinc-500">(sent → answered → verdict)</span>
      </h2>
      {m && (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {m.format} as <span className="mono">{m.senderId}</span>, window {m.freshnessSeconds} s back and {m.futureSkewSeconds} s ahead
            {m.outOfScope && (
              <>
                ; token must not grant <span className="mono">{m.outOfScope.scope}</span>
              </>
            )}
            .{m.skipped && <strong> Not sent: {m.skipped}</strong>}
          </p>
          {m.probes.length > 0 && (
            <DataTable caption="Conformance probes" head={<ProbeHead />}>
              {m.probes.map((p) => {
                const v = verdict(p, canaryAccepted);
                return (
                  <tr key={p.kind} data-probe={p.kind} className="align-top">
                    <Td className="font-medium">{PROBE_NAME[p.kind]}</Td>
                    <Td className="max-w-96 text-xs">
                      <Truncated text={p.sent} className="max-w-full" />
                    </Td>
                    <Td className="max-w-64 text-xs">
                      <Truncated text={answered(p)} className="max-w-full" />
                    </Td>
                    <Td>
                      <Badge tone={v.tone}>{v.word}</Badge>
                    </Td>
                    <Td className="text-right mono">{Math.round(p.ms)}</Td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </>
      )}
      {conformance.card && <CardFacts card={conformance.card} />}
      {checks.length > 0 && <VerdictsTable verdicts={verdicts} endpoint={endpoint} checks={checks} caption="Conformance check verdicts" />}
    </section>
  );
}
