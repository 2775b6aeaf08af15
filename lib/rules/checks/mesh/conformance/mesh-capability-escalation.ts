/**
 * MESH-CAPABILITY-ESCALATION — agent grants a capability outside the token's scope. Probe: A validly signed request with a valid token, to the declared request that needs a scope the token lacks.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes and a capability token.
 */
import type { Check } from "../../../types";
import { CAPABILITY_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshCapabilityEscalation: Check = {
  meta: {
    id: "MESH-CAPABILITY-ESCALATION",
    title: "Agent grants a capability outside the token's scope",
    severity: "high",
    area: "mesh",
    risk: "A capability token that is checked for validity but not for scope grants everything: one leaked read token becomes a write token.",
    remediation:
      "Check each request's required capability against the token's explicit scope list; refuse anything not listed (no wildcards).",
    controls: CAPABILITY_CONTROLS,
    expectation: "Refuses a request the token's scopes do not grant",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["capability-out-of-scope"], "a request outside the capability token's scopes", true),
};
