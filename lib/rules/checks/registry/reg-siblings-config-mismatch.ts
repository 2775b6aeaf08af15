import type { Check } from "../../types";
import { CONFIGURATION } from "../matrix/controls";
import { result } from "../result";
import { profiledAgents, profileSubject } from "./profile-scope";

/** REG-SIBLINGS-CONFIG-MISMATCH: the profile's MATRIX_SIBLING_AGENTS is not the set the registry declares. */
export const regSiblingsConfigMismatch: Check = {
  meta: {
    id: "REG-SIBLINGS-CONFIG-MISMATCH",
    title: "Agent's configured siblings differ from the registry",
    severity: "medium",
    area: "registry",
    risk: "The registry is what reviews and MX-SIBLINGS-ASYMMETRIC reason about; if the deployed sibling filter differs, an agent may answer a sibling it is declared to ignore and start a feedback loop nobody sees coming.",
    remediation:
      "Make MATRIX_SIBLING_AGENTS in the agent's profile and the agent's siblings in the registry list the same user ids, then restart the agent.",
    controls: CONFIGURATION,
  },
  run(ctx) {
    // A profile for an undeclared user has no declared siblings to compare with; REG-DEVICE-MISMATCH reports it.
    return profiledAgents(ctx).flatMap((pa) => {
      const { profile, agent } = pa;
      if (!agent) return [];
      const configured = new Set(profile.siblings);
      const declared = new Set(agent.siblings);
      const onlyConfigured = [...configured].filter((s) => !declared.has(s)).sort();
      const onlyDeclared = [...declared].filter((s) => !configured.has(s)).sort();
      const differs = onlyConfigured.length + onlyDeclared.length > 0;
      const parts = [
        onlyConfigured.length ? `configured but not declared: ${onlyConfigured.join(", ")}` : "",
        onlyDeclared.length ? `declared but not configured: ${onlyDeclared.join(", ")}` : "",
      ].filter(Boolean);
      return [
        result(profileSubject(pa), differs, differs ? `Siblings differ — ${parts.join("; ")}` : "Configured siblings match the registry", {
          profile: profile.source,
          configured: [...configured].sort(),
          declared: [...declared].sort(),
        }),
      ];
    });
  },
};
