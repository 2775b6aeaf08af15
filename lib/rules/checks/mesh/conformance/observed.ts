/**
 * What the conformance checks (issue #18) read, and the one way they decide. Subjects are endpoints (host:port), as
 * for every mesh check. Only endpoints whose agent declared probes have entries: nothing declared, nothing judged.
 * A message check is decided against the canary: unless the legitimate request was accepted, a refusal proves
 * nothing (the agent may refuse everything), so every verdict is then unknown with the reason.
 */
import {
  answerClass,
  type CardConformance,
  type EndpointConformance,
  type MessageProbeKind,
  type SentProbe,
} from "../../../../snapshot/conformance";
import type { CheckContext, CheckResult, Subject } from "../../../types";
import { result, unknown } from "../../result";

export const conformanceOf = (ctx: CheckContext): EndpointConformance[] => ctx.snapshot.mesh?.conformance ?? [];

export const conformanceSubject = (c: EndpointConformance): Subject => ({
  type: "endpoint",
  id: c.endpoint,
  ...(c.agent ? { label: c.agent } : {}),
});

const answered = (p: SentProbe) =>
  p.outcome === "answered" ? `answered ${p.summary ?? p.status}` : `${p.outcome}${p.error ? `: ${p.error}` : ""}`;

/**
 * One message check: `kinds` are the probes that must all be refused. Fail when any was accepted, pass when every
 * one was refused, unknown otherwise — with the reason. Endpoints without a message declaration get no result; with
 * `needsCapability`, neither do those that declare no capability token.
 */
export function judgeMessages(ctx: CheckContext, kinds: readonly MessageProbeKind[], what: string, needsCapability = false): CheckResult[] {
  return conformanceOf(ctx).flatMap((c) => {
    const m = c.messages;
    if (!m || (needsCapability && !m.outOfScope)) return [];
    const subject = conformanceSubject(c);
    const canary = m.probes.find((p) => p.kind === "canary");
    const evidence = {
      format: m.format,
      senderId: m.senderId,
      freshnessSeconds: m.freshnessSeconds,
      futureSkewSeconds: m.futureSkewSeconds,
      canary: canary ?? null,
    };
    if (m.skipped) return [unknown(subject, `Probes not sent: ${m.skipped}`, evidence)];
    if (!canary) return [unknown(subject, "No canary was sent", evidence)];
    if (answerClass(canary) !== "accepted") {
      return [unknown(subject, `The legitimate canary was not accepted (${answered(canary)}): a refusal would prove nothing`, evidence)];
    }
    const probes = kinds.map((k) => m.probes.find((p) => p.kind === k));
    const full = { ...evidence, probes: probes.filter((p) => p !== undefined) };
    const accepted = probes.filter((p): p is SentProbe => p !== undefined && answerClass(p) === "accepted");
    if (accepted.length)
      return [result(subject, true, `Accepted ${what}: ${accepted.map((p) => `${p.sent} → ${answered(p)}`).join("; ")}`, full)];
    const open = probes.flatMap((p, i) =>
      p && answerClass(p) === "refused" ? [] : [p ? `${p.kind} ${answered(p)}` : `${kinds[i]} not sent`],
    );
    if (open.length) return [unknown(subject, `Could not tell whether ${what} is refused: ${open.join("; ")}`, full)];
    return [result(subject, false, `Refused ${what}: ${probes.map((p) => `${p?.kind} ${answered(p as SentProbe)}`).join("; ")}`, full)];
  });
}

/** Card facts with the reason they cannot be judged, or undefined when a card of ≤ maxBytes was read with status 200. */
export function cardUnreadable(card: CardConformance): string | undefined {
  if (card.skipped) return `Card not fetched: ${card.skipped}`;
  if (card.outcome !== "answered") return `No answer for ${card.path}: ${card.outcome}${card.error ? ` (${card.error})` : ""}`;
  if (card.status !== undefined && card.status >= 300 && card.status < 400)
    return `${card.path} redirected to ${card.location ?? "nowhere"} (not followed)`;
  if (card.overCap) return `The card is larger than ${card.maxBytes} bytes and was not read`;
  if (card.status !== 200) return `${card.path} answered ${card.status ?? "without a status"}`;
  if (card.parseError) return `The card cannot be read: ${card.parseError}`;
  return undefined;
}

/** One card check: `judge` sees a card that was read (signatures present, maybe empty). */
export function judgeCards(
  ctx: CheckContext,
  judge: (card: CardConformance & { signatures: NonNullable<CardConformance["signatures"]> }, subject: Subject) => CheckResult,
): CheckResult[] {
  return conformanceOf(ctx).flatMap((c) => {
    if (!c.card) return [];
    const why = cardUnreadable(c.card);
    if (why || !c.card.signatures) return [unknown(conformanceSubject(c), why ?? "No signatures were read", { card: c.card })];
    return [judge({ ...c.card, signatures: c.card.signatures }, conformanceSubject(c))];
  });
}
