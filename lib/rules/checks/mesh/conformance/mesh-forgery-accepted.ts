/**
 * MESH-FORGERY-ACCEPTED — agent accepts a forged or tampered message. Probe: Two requests: a body changed after signing, and a signature by another key.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshForgeryAccepted: Check = {
  meta: {
    id: "MESH-FORGERY-ACCEPTED",
    title: "Agent accepts a forged or tampered message",
    severity: "critical",
    area: "mesh",
    risk: "If the signature is not checked over the exact body, anyone on the path (or any peer) can alter what an agent is told to do.",
    remediation:
      "Verify the signature over the exact bytes received, with a constant-time comparison, before acting; refuse on any mismatch.",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses a tampered body and a wrong signature",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["tampered-body", "wrong-signature"], "a body changed after signing or a wrong signature"),
};
