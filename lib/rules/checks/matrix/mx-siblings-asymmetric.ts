import type { Check } from "../../types";
import { CONFIGURATION } from "./controls";
import { result } from "../result";
import { agentSubject } from "./scope";

/** MX-SIBLINGS-ASYMMETRIC: A filters B as a sibling but B does not filter A (subject: B). */
export const mxSiblingsAsymmetric: Check = {
  meta: {
    id: "MX-SIBLINGS-ASYMMETRIC",
    title: "Sibling-agent filter is not reciprocal",
    severity: "medium",
    area: "matrix",
    risk: "If only one of two agents ignores the other, the other still answers every message it sees, which is half of a bot-to-bot feedback loop.",
    remediation:
      "Add the missing agent's Matrix user id to this agent's MATRIX_SIBLING_AGENTS (and its siblings list in the registry), then restart it.",
    controls: CONFIGURATION,
  },
  run(ctx) {
    const agents = ctx.registry.agents.filter((a) => a.matrixUserId);
    return agents.map((b) => {
      // Agents that list b as a sibling while b does not list them back.
      const missing = agents
        .filter((a) => a !== b && a.siblings.includes(b.matrixUserId ?? "") && !b.siblings.includes(a.matrixUserId ?? ""))
        .map((a) => a.name);
      return result(
        agentSubject(b),
        missing.length > 0,
        missing.length
          ? `${missing.join(", ")} filter(s) ${b.name} as a sibling, but ${b.name} does not filter them`
          : "Sibling declarations are reciprocal",
        { siblings: b.siblings, missingReciprocalFor: missing },
      );
    });
  },
};
