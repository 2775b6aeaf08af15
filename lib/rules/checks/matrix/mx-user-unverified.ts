import type { Check } from "../../types";
import { ENTITY_AUTHENTICATION } from "./controls";
import { result } from "../result";
import { agentUsers, userSubject } from "./scope";

/** MX-USER-UNVERIFIED: the auditor's user-signing key has not signed the agent's master key. */
export const mxUserUnverified: Check = {
  meta: {
    id: "MX-USER-UNVERIFIED",
    title: "Agent identity not verified by the auditor",
    severity: "medium",
    area: "matrix",
    risk: "Until someone has checked the agent's master key out of band, a homeserver operator could substitute its own keys and the agents' partners would not notice.",
    remediation:
      "Verify the agent from Vigil (SAS emoji or decimal comparison with the agent's operator), which signs its master key with the auditor's user-signing key.",
    controls: ENTITY_AUTHENTICATION,
  },
  run(ctx) {
    const auditor = ctx.snapshot.matrix?.auditor;
    return agentUsers(ctx).map(({ user }) =>
      result(
        userSubject(user),
        !user.verifiedByAuditor,
        user.verifiedByAuditor
          ? "Master key signed by the auditor"
          : user.crossSigning.masterKey
            ? "Master key not signed by the auditor's user-signing key"
            : "No master key to verify",
        {
          masterKey: user.crossSigning.masterKey ?? null,
          auditorUserSigningKey: auditor?.userSigningKey ?? null,
        },
      ),
    );
  },
};
