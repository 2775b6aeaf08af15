/**
 * The message probes of one endpoint, one after another, rate-limited and under one deadline: the canary first (not
 * accepted: nothing else is sent, and every verdict is unknown with the reason), then its exact replay at once (it
 * must arrive inside the window), then the requests that must each be refused. At most MESSAGE_PROBE_KINDS requests.
 */
import { answerClass, type MessageConformance, type MessageProbeKind, type SentProbe } from "../../snapshot/conformance";
import type { MessageProbeDecl } from "../../registry/probes";
import { buildRequest, type BuiltRequest, type ProberKey } from "./build-requests";
import { sendRequest, type SendTarget } from "./send";

export interface MessageProbeBudget {
  /** Pause between two requests to the same endpoint (rate limit). */
  minIntervalMs: number;
  /** Everything for one endpoint must be sent by then; later probes are recorded as not sent. */
  deadline: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function probeMessages(
  target: SendTarget,
  decl: MessageProbeDecl,
  key: ProberKey,
  token: string | undefined,
  budget: MessageProbeBudget,
): Promise<MessageConformance> {
  const facts: MessageConformance = {
    format: decl.format,
    senderId: decl.senderId,
    freshnessSeconds: decl.freshnessSeconds,
    futureSkewSeconds: decl.futureSkewSeconds,
    ...(decl.capability ? { outOfScope: decl.capability.outOfScope } : {}),
    probes: [],
  };
  const send = async (kind: MessageProbeKind, built: BuiltRequest): Promise<SentProbe> => {
    const base = { kind, sent: built.sent, method: built.request.method, path: built.request.path, at: new Date().toISOString() };
    if (Date.now() >= budget.deadline) {
      const probe: SentProbe = { ...base, outcome: "error", error: "not sent: this endpoint's time budget ran out", ms: 0 };
      facts.probes.push(probe);
      return probe;
    }
    const r = await sendRequest(
      { ...target, timeoutMs: Math.min(target.timeoutMs, Math.max(1, budget.deadline - Date.now())) },
      built.request,
    );
    const probe: SentProbe = {
      ...base,
      outcome: r.outcome,
      ms: r.ms,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.summary ? { summary: r.summary } : {}),
      ...(r.error ? { error: r.error } : {}),
    };
    facts.probes.push(probe);
    await sleep(budget.minIntervalMs);
    return probe;
  };

  const canary = buildRequest("canary", decl, key, token);
  const first = await send("canary", canary);
  if (answerClass(first) !== "accepted") return facts;
  await send("replay", { request: canary.request, sent: `the canary's exact bytes again (${canary.sent})` });
  const rest: Exclude<MessageProbeKind, "canary" | "replay">[] = [
    "stale",
    "future",
    "tampered-body",
    "wrong-signature",
    "unknown-sender",
    "unsigned",
  ];
  if (decl.capability && token !== undefined) rest.push("capability-out-of-scope");
  for (const kind of rest) await send(kind, buildRequest(kind, decl, key, token));
  return facts;
}
