import type { Check } from "../../types";
import { ENCRYPTION_IN_TRANSIT } from "../matrix/controls";
import { result } from "../result";
import { profiledAgents, profileSubject } from "./profile-scope";

/** REG-E2EE-NOT-REQUIRED: the profile's MATRIX_E2EE_MODE is unset or not one the policy counts as required. */
export const regE2eeNotRequired: Check = {
  meta: {
    id: "REG-E2EE-NOT-REQUIRED",
    title: "Agent is not configured to require end-to-end encryption",
    severity: "high",
    area: "registry",
    risk: "An agent with E2EE optional or off will read and answer in plaintext rooms, so a single unencrypted room exposes everything it is told and says.",
    remediation: "Set MATRIX_E2EE_MODE=required in the agent's profile and restart it; the agent then refuses rooms without encryption.",
    controls: ENCRYPTION_IN_TRANSIT,
  },
  run(ctx) {
    const required = new Set(ctx.policy.registry.requiredE2eeModes.map((m) => m.toLowerCase()));
    return profiledAgents(ctx).map((pa) => {
      const mode = pa.profile.e2eeMode;
      const ok = mode !== undefined && required.has(mode.toLowerCase());
      return result(
        profileSubject(pa),
        !ok,
        ok
          ? `MATRIX_E2EE_MODE=${mode}`
          : mode === undefined
            ? "MATRIX_E2EE_MODE is not set"
            : `MATRIX_E2EE_MODE=${mode} does not require encryption`,
        {
          profile: pa.profile.source,
          e2eeMode: mode ?? null,
          requiredModes: [...required],
        },
      );
    });
  },
};
