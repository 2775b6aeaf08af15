import type { Check } from "../../types";
import { CONFIGURATION } from "../matrix/controls";
import { result } from "../result";

/**
 * REG-UNDECLARED-ENDPOINT: a configured mesh endpoint that no declared agent
 * owns — its `agent` is not a declared agent's name and no declared agent has
 * it as `endpoint`. Judged only when the registry declares agents at all: with
 * no registry there is nothing to be undeclared against.
 */
export const regUndeclaredEndpoint: Check = {
  meta: {
    id: "REG-UNDECLARED-ENDPOINT",
    title: "Mesh endpoint belongs to no declared agent",
    severity: "medium",
    area: "registry",
    reads: ["mesh"],
    risk: "An endpoint nobody declared has no expected identity to check its certificate against and no owner to rotate it; it is how a retired or unsanctioned service stays reachable in the mesh.",
    remediation:
      "Declare the agent that serves this endpoint in the registry (name, endpoint, spiffeId), or remove the endpoint from the mesh and from Vigil's settings.",
    controls: CONFIGURATION,
  },
  run(ctx) {
    if (ctx.registry.agents.length === 0) return [];
    const names = new Set(ctx.registry.agents.map((a) => a.name));
    const owned = new Map(ctx.registry.agents.flatMap((a) => (a.endpoint ? [[a.endpoint, a.name] as const] : [])));
    return (ctx.snapshot.mesh?.endpoints ?? []).map((e) => {
      const owner = owned.get(e.endpoint) ?? (e.agent && names.has(e.agent) ? e.agent : undefined);
      return result(
        { type: "endpoint", id: e.endpoint, ...(e.agent ? { label: e.agent } : {}) },
        owner === undefined,
        owner
          ? `Declared for agent ${owner}`
          : e.agent
            ? `Agent "${e.agent}" is not declared in the registry`
            : "No declared agent has this endpoint",
        {
          configuredAgent: e.agent ?? null,
          declaredOwner: owner ?? null,
        },
      );
    });
  },
};
