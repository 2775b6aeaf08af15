/**
 * The conformance test bed's plan (issue #18): which agent runs which code, and therefore which probes it must
 * accept. The ground truth is derived from this plan alone — never from Vigil's own lists — so the integration test
 * holds the product to what the agents really do.
 */
import type { CardMode } from "./node-agents";

export type Status = "pass" | "fail" | "unknown";
export type Probe =
  "replay" | "stale" | "future" | "tampered-body" | "wrong-signature" | "unknown-sender" | "unsigned" | "capability-out-of-scope";

export type PlannedAgent =
  | {
      name: string;
      kind: "hmac";
      middleware: "reference" | "corrected";
      capabilities: "off" | "honour" | "ignore";
      /** Vigil is declared with a secret the agent does not share: the canary is refused, so nothing can be told. */
      misdeclared?: boolean;
      accepts: Probe[];
      why: string;
    }
  | { name: string; kind: "envelope"; checkSender: boolean; accepts: Probe[]; why: string }
  | { name: string; kind: "card"; mode: CardMode; why: string };

export const PLAN: PlannedAgent[] = [
  {
    name: "ref004",
    kind: "hmac",
    middleware: "reference",
    capabilities: "off",
    accepts: ["replay", "future", "unknown-sender"],
    why: "reference 004's ZeroTrustMiddleware verbatim: no nonce, abs() window, one secret for every sender",
  },
  {
    name: "ref004-corrected",
    kind: "hmac",
    middleware: "corrected",
    capabilities: "off",
    accepts: [],
    why: "nonce (signature) cache, past-only window, one secret per known sender",
  },
  {
    name: "ref004-misdeclared",
    kind: "hmac",
    middleware: "corrected",
    capabilities: "off",
    misdeclared: true,
    accepts: [],
    why: "the registry gives Vigil a secret this agent does not know: its canary is refused",
  },
  {
    name: "caps-honoured",
    kind: "hmac",
    middleware: "corrected",
    capabilities: "honour",
    accepts: [],
    why: "capability tokens whose scopes are checked",
  },
  {
    name: "caps-ignored",
    kind: "hmac",
    middleware: "corrected",
    capabilities: "ignore",
    accepts: ["capability-out-of-scope"],
    why: "capability tokens checked for signature and expiry, never for scope",
  },
  {
    name: "ref002-envelope",
    kind: "envelope",
    checkSender: true,
    accepts: [],
    why: "reference 002's envelope receiver plus the sender check, nonce and window",
  },
  {
    name: "ref002-sender-unchecked",
    kind: "envelope",
    checkSender: false,
    accepts: ["unknown-sender"],
    why: "reference 002's receiver as written: verifies the signature, not whose key it is",
  },
  ...(["signed", "unsigned", "tampered", "undeclared-key", "redirect", "oversize"] as const).map((mode) => ({
    name: `card-${mode}`,
    kind: "card" as const,
    mode,
    why: `A2A agent card served ${mode}`,
  })),
];

const MESSAGE_CHECKS: Record<string, Probe[]> = {
  "MESH-REPLAY-ACCEPTED": ["replay"],
  "MESH-STALE-ACCEPTED": ["stale"],
  "MESH-FUTURE-ACCEPTED": ["future"],
  "MESH-FORGERY-ACCEPTED": ["tampered-body", "wrong-signature"],
  "MESH-UNKNOWN-SENDER-ACCEPTED": ["unknown-sender"],
  "MESH-UNSIGNED-ACCEPTED": ["unsigned"],
};

/** Per card mode, in this order: MESH-CARD-FETCH-UNSAFE, -UNSIGNED, -SIGNATURE-INVALID, -KEY-UNDECLARED. */
const CARD_CHECKS = ["MESH-CARD-FETCH-UNSAFE", "MESH-CARD-UNSIGNED", "MESH-CARD-SIGNATURE-INVALID", "MESH-CARD-KEY-UNDECLARED"] as const;
const CARD_STATUSES: Record<CardMode, readonly [Status, Status, Status, Status]> = {
  "signed": ["pass", "pass", "pass", "pass"],
  "unsigned": ["pass", "fail", "unknown", "unknown"],
  "tampered": ["pass", "pass", "fail", "pass"],
  "undeclared-key": ["pass", "pass", "unknown", "fail"],
  "redirect": ["fail", "unknown", "unknown", "unknown"],
  "oversize": ["fail", "unknown", "unknown", "unknown"],
};
const cardTruth = (mode: CardMode): Record<string, Status> =>
  Object.fromEntries(CARD_CHECKS.map((check, i) => [check, CARD_STATUSES[mode][i] ?? "unknown"]));

/** Every conformance check's expected status for one planned agent (checks that do not apply are absent). */
export function expectedStatuses(a: PlannedAgent): Record<string, Status> {
  if (a.kind === "card") return cardTruth(a.mode);
  const withCapability = a.kind === "hmac" && a.capabilities !== "off";
  const checks = { ...MESSAGE_CHECKS, ...(withCapability ? { "MESH-CAPABILITY-ESCALATION": ["capability-out-of-scope"] as Probe[] } : {}) };
  const misdeclared = a.kind === "hmac" && a.misdeclared === true;
  return Object.fromEntries(
    Object.entries(checks).map(([check, probes]) => [
      check,
      misdeclared ? "unknown" : probes.some((p) => a.accepts.includes(p)) ? "fail" : "pass",
    ]),
  );
}
