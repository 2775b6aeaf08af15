/**
 * MESH-UNSIGNED-ACCEPTED — agent accepts an unsigned message. Probe: The canary with its signature left out.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshUnsignedAccepted: Check = {
  meta: {
    id: "MESH-UNSIGNED-ACCEPTED",
    title: "Agent accepts an unsigned message",
    severity: "critical",
    area: "mesh",
    risk: "An agent that acts on unsigned messages has no message-level authentication at all: anything that reaches it over the mesh is obeyed.",
    remediation: "Refuse every message without a signature; never fall back to accepting unsigned requests.",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses a message without a signature",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["unsigned"], "a request without a signature"),
};
