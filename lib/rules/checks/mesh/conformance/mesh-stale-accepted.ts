/**
 * MESH-STALE-ACCEPTED — agent accepts a timestamp older than its window. Probe: Signed correctly, with a timestamp freshnessSeconds + 5 s in the past.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshStaleAccepted: Check = {
  meta: {
    id: "MESH-STALE-ACCEPTED",
    title: "Agent accepts a timestamp older than its window",
    severity: "high",
    area: "mesh",
    risk: "Without an enforced freshness window a captured request stays usable for ever; the window is also what bounds the nonce cache.",
    remediation:
      "Refuse messages whose timestamp is older than the declared window (and keep the declared window equal to the configured one).",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses a timestamp older than the window",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["stale"], "a timestamp just older than the declared window"),
};
