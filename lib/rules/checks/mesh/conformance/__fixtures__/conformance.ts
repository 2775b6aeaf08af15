/** Hand-built conformance facts for the conformance check tests (not a test file itself). */
import { expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../../../policy/defaults";
import { EMPTY_REGISTRY } from "../../../../../registry/types";
import type {
  CardConformance,
  EndpointConformance,
  MessageConformance,
  MessageProbeKind,
  SentProbe,
} from "../../../../../snapshot/conformance";
import type { Check, CheckContext, ResultStatus } from "../../../../types";

export function probe(kind: MessageProbeKind, status: number | "timeout" | "closed"): SentProbe {
  const base = { kind, sent: `POST /canary (${kind})`, method: "POST", path: "/canary", at: "2026-01-15T12:00:00Z", ms: 3 };
  if (status === "timeout") return { ...base, outcome: "timeout", error: "no answer within 3000 ms" };
  if (status === "closed") return { ...base, outcome: "closed", error: "socket hang up" };
  return { ...base, outcome: "answered", status, summary: `${status}` };
}

/** Every probe answered as given; kinds left out were not sent. */
export function messages(
  answers: Partial<Record<MessageProbeKind, number | "timeout" | "closed">>,
  over: Partial<MessageConformance> = {},
): MessageConformance {
  return {
    format: "hmac-headers",
    senderId: "vigil-prober",
    freshnessSeconds: 30,
    futureSkewSeconds: 2,
    probes: Object.entries(answers).map(([k, v]) => probe(k as MessageProbeKind, v)),
    ...over,
  };
}

/** A correct agent's answers: the canary 200, everything else 401. */
export const REFUSES_ALL = {
  "canary": 200,
  "replay": 401,
  "stale": 401,
  "future": 401,
  "tampered-body": 401,
  "wrong-signature": 401,
  "unknown-sender": 401,
  "unsigned": 401,
} as const;

export function card(over: Partial<CardConformance> = {}): CardConformance {
  return {
    path: "/.well-known/agent-card.json",
    maxBytes: 65_536,
    outcome: "answered",
    status: 200,
    bytes: 400,
    overCap: false,
    signatures: [{ kid: "k1", alg: "ES256", keyDeclared: true, valid: true }],
    ms: 4,
    ...over,
  };
}

export function conformanceContext(entries: EndpointConformance[]): CheckContext {
  const now = new Date("2026-01-15T12:00:00Z");
  return {
    snapshot: { takenAt: now.toISOString(), errors: [], mesh: { endpoints: [], certificates: [], conformance: entries } },
    policy: DEFAULT_POLICY,
    registry: EMPTY_REGISTRY,
    now,
  };
}

/** Status per endpoint id, for one check. */
export function statuses(check: Check, entries: EndpointConformance[]): Record<string, ResultStatus> {
  return Object.fromEntries(check.run(conformanceContext(entries)).map((r) => [r.subject.id, r.status]));
}

/**
 * What every single-probe check must do (replay, stale, future, unknown sender, unsigned): fail when its
 * probe is accepted like the canary, pass when refused, and say unknown — with the reason — when the
 * canary was refused, the probe timed out or answered 5xx, or nothing was sent. Called inside each
 * check's own test file, so a check keeps its test beside it.
 */
export function singleProbeContract(check: Check, kind: MessageProbeKind): void {
  it(`fails when the ${kind} probe is accepted, passes when it is refused`, () => {
    expect(
      statuses(check, [
        { endpoint: "bad:1", messages: messages({ ...REFUSES_ALL, [kind]: 200 }) },
        { endpoint: "good:1", messages: messages(REFUSES_ALL) },
      ]),
    ).toEqual({ "bad:1": "fail", "good:1": "pass" });
    const [r] = check.run(conformanceContext([{ endpoint: "bad:1", agent: "a", messages: messages({ ...REFUSES_ALL, [kind]: 202 }) }]));
    expect(r?.detail).toContain(`(${kind})`);
    expect(r?.subject).toEqual({ type: "endpoint", id: "bad:1", label: "a" });
  });

  it("is unknown, with the reason, when the canary was refused, the probe timed out or answered 5xx, or nothing was sent", () => {
    const rs = check.run(
      conformanceContext([
        { endpoint: "canary-refused:1", messages: messages({ canary: 401 }) },
        { endpoint: "timeout:1", messages: messages({ ...REFUSES_ALL, [kind]: "timeout" }) },
        { endpoint: "5xx:1", messages: messages({ ...REFUSES_ALL, [kind]: 500 }) },
        { endpoint: "skipped:1", messages: messages({}, { skipped: "credential missing" }) },
      ]),
    );
    expect(rs.map((r) => r.status)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    expect(rs[0]?.detail).toMatch(/canary was not accepted \(answered 401\)/);
    expect(rs[1]?.detail).toMatch(/timeout/);
    expect(rs[3]?.detail).toMatch(/credential missing/);
  });

  it("judges nothing where no probes are declared", () => {
    expect(check.run(conformanceContext([{ endpoint: "card-only:1" }]))).toEqual([]);
  });
}
