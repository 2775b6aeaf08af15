import type { Check } from "../../types";
import { ENTITY_AUTHENTICATION } from "./controls";
import { result } from "../result";
import { agentUsers, userSubject } from "./scope";

/** MX-IDENTITY-CHANGED: an agent's master key differs from the accepted baseline. */
export const mxIdentityChanged: Check = {
  meta: {
    id: "MX-IDENTITY-CHANGED",
    title: "Agent's cross-signing identity changed since the baseline",
    severity: "critical",
    area: "matrix",
    risk: "A new master key is either a planned credential rotation or an account takeover, exactly like a changed SSH host key.",
    remediation: "Confirm with the agent's owner that the rotation was planned; if so, re-verify the agent and accept the new baseline. If not, deactivate the account, rotate its credentials and investigate.",
    controls: ENTITY_AUTHENTICATION,
  },
  run(ctx) {
    const base = ctx.baseline?.matrix;
    const baseKeys = new Map((base?.users ?? []).map((u) => [u.userId, u.crossSigning.masterKey]));
    return agentUsers(ctx).map(({ user }) => {
      const now = user.crossSigning.masterKey;
      const ev = { masterKey: now ?? null, baselineMasterKey: baseKeys.get(user.userId) ?? null, baselineTakenAt: ctx.baseline?.takenAt ?? null };
      if (!base) return result(userSubject(user), false, "no baseline yet", ev);
      const before = baseKeys.get(user.userId);
      if (before === undefined) return result(userSubject(user), false, "No master key in the baseline to compare with", ev);
      if (now === undefined) return result(userSubject(user), true, "Master key present in the baseline is gone (identity reset)", ev);
      return result(userSubject(user), now !== before, now !== before ? "Master key differs from the baseline" : "Master key unchanged since the baseline", ev);
    });
  },
};
