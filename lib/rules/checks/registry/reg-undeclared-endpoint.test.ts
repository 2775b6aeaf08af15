import { describe, expect, it } from "vitest";
import type { EndpointFacts } from "../../../snapshot/types";
import { agent, ctx, verdicts } from "../matrix/__fixtures__/context";
import { regUndeclaredEndpoint } from "./reg-undeclared-endpoint";

const ep = (endpoint: string, agentName?: string): EndpointFacts => ({
  endpoint,
  ...(agentName ? { agent: agentName } : {}),
  reachable: true,
  chain: [],
  probes: {},
});

describe("REG-UNDECLARED-ENDPOINT", () => {
  it("an endpoint is declared by its agent's name or by an agent's endpoint; otherwise it fails", () => {
    const c = ctx({ agents: [agent("alpha"), { name: "svc", endpoint: "10.0.0.2:8443", deviceIds: [], siblings: [] }] });
    c.snapshot.mesh = {
      endpoints: [ep("10.0.0.1:8443", "alpha"), ep("10.0.0.2:8443"), ep("10.0.0.3:8443", "ghost"), ep("10.0.0.4:8443")],
      certificates: [],
    };
    expect(verdicts(regUndeclaredEndpoint, c)).toEqual([
      "10.0.0.1:8443:pass",
      "10.0.0.2:8443:pass",
      "10.0.0.3:8443:fail",
      "10.0.0.4:8443:fail",
    ]);
  });

  it("with no declared agents nothing is judged", () => {
    const c = ctx({ agents: [] });
    c.snapshot.mesh = { endpoints: [ep("10.0.0.1:8443", "x")], certificates: [] };
    expect(regUndeclaredEndpoint.run(c)).toEqual([]);
  });
});
