/**
 * MESH-REPLAY-ACCEPTED — agent accepts a replayed signed request. Probe: The same signed request sent twice in a row, inside the window: the second must be refused.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshReplayAccepted: Check = {
  meta: {
    id: "MESH-REPLAY-ACCEPTED",
    title: "Agent accepts a replayed signed request",
    severity: "high",
    area: "mesh",
    risk: "An attacker who captures one signed request (a log, a proxy, a compromised peer) can send it again and have the agent act twice: a timestamp window alone does not stop a replay inside it.",
    remediation:
      "Keep a cache of nonces (or signatures) seen within the freshness window and refuse any repeat; reference 004's ZeroTrustMiddleware keeps none, add one beside it.",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses the same signed request twice",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["replay"], "the canary replayed byte for byte"),
};
