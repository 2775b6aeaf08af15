/**
 * MESH-UNKNOWN-SENDER-ACCEPTED — agent accepts a sender it does not know. Probe: Signed with Vigil's own valid credential, but naming a sender id that no registry lists.
 * Judged against the canary (observed.ts); only endpoints whose agent declares message probes.
 */
import type { Check } from "../../../types";
import { MESSAGE_CONTROLS } from "./controls";
import { judgeMessages } from "./observed";

export const meshUnknownSenderAccepted: Check = {
  meta: {
    id: "MESH-UNKNOWN-SENDER-ACCEPTED",
    title: "Agent accepts a sender it does not know",
    severity: "high",
    area: "mesh",
    risk: "An agent that trusts any sender id (one shared secret for all, or a key looked up without checking whose it is) lets one compromised agent impersonate every other.",
    remediation:
      "Keep a registry of allowed senders, one key per sender, and check that the key that signed is the sender's own; refuse unlisted agents.",
    controls: MESSAGE_CONTROLS,
    expectation: "Refuses a sender id it does not list",
    alsoJudgedBy: [],
  },
  run: (ctx) => judgeMessages(ctx, ["unknown-sender"], "a sender id no registry lists"),
};
