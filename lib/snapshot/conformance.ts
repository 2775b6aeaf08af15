/**
 * What the opt-in conformance probes (issue #18) sent to an agent and what came back: facts only. Whether an answer
 * means "accepted" is the checks' call (lib/rules/checks/mesh/conformance/verdict.ts), decided against the canary.
 */

/** The probes of a signed-message endpoint, in the order they are sent (the replay must follow the canary at once). */
export const MESSAGE_PROBE_KINDS = [
  "canary",
  "replay",
  "stale",
  "future",
  "tampered-body",
  "wrong-signature",
  "unknown-sender",
  "unsigned",
  "capability-out-of-scope",
] as const;
export type MessageProbeKind = (typeof MESSAGE_PROBE_KINDS)[number];

/** One request as sent and as answered. Never a secret: signatures and tokens are recorded only as "present". */
export interface SentProbe {
  kind: MessageProbeKind;
  /** What was sent, in words: "POST /canary, timestamp now−35 s, signed by vigil-prober". */
  sent: string;
  method: string;
  path: string;
  /** When it was sent (ISO-8601). */
  at: string;
  /** answered: an HTTP status came back; closed: the connection ended without one; timeout; error: it never left. */
  outcome: "answered" | "closed" | "timeout" | "error";
  status?: number;
  /** The answer's status line or first body line, bounded and printable. */
  summary?: string;
  error?: string;
  ms: number;
}

export interface MessageConformance {
  format: "hmac-headers" | "signed-envelope";
  senderId: string;
  freshnessSeconds: number;
  futureSkewSeconds: number;
  /** The capability the token must not grant, when one is declared. */
  outOfScope?: { method: string; path: string; scope: string };
  /** Why nothing (or not everything) was sent: no credential, untrusted endpoint, a scheduled scan not opted in. */
  skipped?: string;
  probes: SentProbe[];
}

/** One JWS signature of an agent card, as Vigil verified it against the declared keys. */
export interface CardSignatureFacts {
  kid?: string;
  alg?: string;
  /** The kid is one the registry declares for this agent. */
  keyDeclared: boolean;
  /** Verified with the declared key over the RFC 8785 form of the card without `signatures`; absent: not checkable. */
  valid?: boolean;
  error?: string;
}

export interface CardConformance {
  path: string;
  maxBytes: number;
  outcome: "answered" | "closed" | "timeout" | "error";
  status?: number;
  /** A redirect's Location: never followed. */
  location?: string;
  /** Bytes read (at most maxBytes + 1: one more tells "over the cap"). */
  bytes?: number;
  overCap?: boolean;
  /** Why the body is not an agent card (not JSON, not an object). */
  parseError?: string;
  /** Absent when no card was read; empty when the card carries no signatures. */
  signatures?: CardSignatureFacts[];
  skipped?: string;
  error?: string;
  ms: number;
}

/** Everything the conformance probes learnt about one declared endpoint. */
export interface EndpointConformance {
  endpoint: string;
  agent?: string;
  messages?: MessageConformance;
  card?: CardConformance;
}

/**
 * How an answer reads, by difference from the canary: the same 2xx class the canary got is "accepted", a 4xx is
 * "refused" (the agent said no), and anything else — a 5xx, a redirect, a closed connection, a timeout — is
 * "undecided": the agent may have acted before failing, so it is not counted as a refusal.
 */
export type AnswerClass = "accepted" | "refused" | "undecided";

export function answerClass(p: Pick<SentProbe, "outcome" | "status">): AnswerClass {
  if (p.outcome !== "answered" || p.status === undefined) return "undecided";
  if (p.status >= 200 && p.status < 300) return "accepted";
  if (p.status >= 400 && p.status < 500) return "refused";
  return "undecided";
}
