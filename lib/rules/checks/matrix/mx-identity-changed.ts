import type { Check } from "../../types";
import { ENTITY_AUTHENTICATION } from "./controls";
import { result, unknown } from "../result";
import { agentUsers, userSubject } from "./scope";

/**
 * MX-IDENTITY-CHANGED: an agent's master key differs from the accepted baseline. Without a
 * baseline, or for an agent the baseline never saw, nothing was compared: unknown, not a pass —
 * a CI gate that has never stored a baseline must not report "unchanged".
 */
export const mxIdentityChanged: Check = {
  meta: {
    id: "MX-IDENTITY-CHANGED",
    title: "Agent's cross-signing identity changed since the baseline",
    severity: "critical",
    area: "matrix",
    risk: "A new master key is either a planned credential rotation or an account takeover, exactly like a changed SSH host key.",
    remediation:
      "Confirm with the agent's owner that the rotation was planned; if so, re-verify the agent and accept the new baseline. If not, deactivate the account, rotate its credentials and investigate.",
    controls: ENTITY_AUTHENTICATION,
  },
  run(ctx) {
    const base = ctx.baseline?.matrix;
    const baseKeys = new Map((base?.users ?? []).map((u) => [u.userId, u.crossSigning.masterKey]));
    return agentUsers(ctx).map(({ user }) => {
      const now = user.crossSigning.masterKey;
      const ev = {
        masterKey: now ?? null,
        baselineMasterKey: baseKeys.get(user.userId) ?? null,
        baselineTakenAt: ctx.baseline?.takenAt ?? null,
      };
      const subject = userSubject(user);
      if (!base) return unknown(subject, "No accepted baseline or previous complete scan to compare the master key with", ev);
      if (!baseKeys.has(user.userId)) return unknown(subject, "Agent not in the baseline: nothing to compare its master key with", ev);
      const before = baseKeys.get(user.userId);
      if (before === undefined && now === undefined) return result(subject, false, "No master key, now or in the baseline", ev);
      if (before === undefined) return unknown(subject, "Master key published since the baseline: accept a new baseline to pin it", ev);
      if (now === undefined) return result(subject, true, "Master key present in the baseline is gone (identity reset)", ev);
      return result(
        subject,
        now !== before,
        now !== before ? "Master key differs from the baseline" : "Master key unchanged since the baseline",
        ev,
      );
    });
  },
};
