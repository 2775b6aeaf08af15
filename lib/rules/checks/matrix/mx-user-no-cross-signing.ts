import type { Check } from "../../types";
import { ENTITY_AUTHENTICATION } from "./controls";
import { result } from "../result";
import { agentUsers, userSubject } from "./scope";

/** MX-USER-NO-CROSS-SIGNING: agent has no master key. */
export const mxUserNoCrossSigning: Check = {
  meta: {
    id: "MX-USER-NO-CROSS-SIGNING",
    title: "Agent has not published cross-signing keys",
    severity: "high",
    area: "matrix",
    risk: "Without a master key there is no stable identity to verify: each device must be trusted on its own, and a device added by whoever holds the password looks as legitimate as the real one.",
    remediation:
      "Bootstrap cross-signing for the agent's account (matrix-js-sdk: crypto.bootstrapCrossSigning with secret storage), sign its device, then verify the agent from Vigil.",
    controls: ENTITY_AUTHENTICATION,
  },
  run(ctx) {
    return agentUsers(ctx).map(({ user }) => {
      const cs = user.crossSigning;
      const detail =
        cs.state === "absent"
          ? "No cross-signing master key published"
          : cs.state === "present"
            ? "Cross-signing keys published"
            : "Cross-signing keys published, but a signature is broken (see MX-SIGNATURE-INVALID)";
      return result(userSubject(user), cs.state === "absent", detail, { crossSigning: cs });
    });
  },
};
