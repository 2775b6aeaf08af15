/**
 * MESH-FUTURE-ACCEPTED — agent accepts a timestamp from the future. Probe: Signed correctly, with a timestamp futureSkewSeconds + 5 s in the future.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshFutureAccepted: Check = {
  meta: {
    id: "MESH-FUTURE-ACCEPTED",
    title: "Agent accepts a timestamp from the future",
    severity: "medium",
    area: "mesh",
    risk: "A window that is symmetric around now (reference 004 takes the absolute age) lets a pre-dated request live twice as long, and a sender with a fast clock defeat the window.",
    remediation: "Make the window past-only: refuse timestamps more than a small clock skew ahead of the receiver's clock.",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses a timestamp ahead of its clock",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["future"], "a timestamp beyond the declared clock skew"),
};
