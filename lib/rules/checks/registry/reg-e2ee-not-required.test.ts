import { describe, expect, it } from "vitest";
import { agent, ctx, verdicts } from "../matrix/__fixtures__/context";
import { regE2eeNotRequired } from "./reg-e2ee-not-required";

describe("REG-E2EE-NOT-REQUIRED", () => {
  it("passes required (any case); fails optional, off and unset", () => {
    const c = ctx({ agents: ["a", "b", "c", "d"].map((n) => agent(n)) });
    const p = (name: string, e2eeMode?: string) => ({
      source: `${name}.env`,
      name,
      userId: `@${name}:hs`,
      siblings: [],
      ...(e2eeMode ? { e2eeMode } : {}),
    });
    c.registry.profiles = [p("a", "Required"), p("b", "optional"), p("c", "off"), p("d")];
    expect(verdicts(regE2eeNotRequired, c)).toEqual(["a:pass", "b:fail", "c:fail", "d:fail"]);
  });

  it("the policy decides which modes count as required", () => {
    const c = ctx({ agents: [agent("a")] });
    c.registry.profiles = [{ source: "a.env", name: "a", userId: "@a:hs", siblings: [], e2eeMode: "strict" }];
    c.policy = { ...c.policy, registry: { ...c.policy.registry, requiredE2eeModes: ["strict"] } };
    expect(verdicts(regE2eeNotRequired, c)).toEqual(["a:pass"]);
  });
});
