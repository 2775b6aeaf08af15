import { describe, expect, it } from "vitest";
import { agent, ctx, user, verdicts } from "../matrix/__fixtures__/context";
import { regUndeclaredUser } from "./reg-undeclared-user";

describe("REG-UNDECLARED-USER", () => {
  it("judges only agent-like localparts; undeclared and not allowed fails", () => {
    const c = ctx({
      agents: [agent("alpha", { matrixUserId: "@agent-alpha:hs" })],
      allowed: ["@bot-ops:hs"],
      users: [
        user("@agent-alpha:hs"),
        user("@agent-shadow:hs"),
        user("@Bot_Helper:hs"),
        user("@bot-ops:hs"),
        user("@mallory:hs"),
        user("@agentsmith:hs"),
        user("@agent-old:hs", { deactivated: true }),
      ],
    });
    expect(verdicts(regUndeclaredUser, c)).toEqual([
      "@Bot_Helper:hs:fail",
      "@agent-alpha:hs:pass",
      "@agent-shadow:hs:fail",
      "@bot-ops:hs:pass",
    ]);
  });

  it("the pattern comes from the policy", () => {
    const c = ctx({ agents: [], users: [user("@svc-x:hs"), user("@agent-y:hs")] });
    c.policy = { ...c.policy, registry: { ...c.policy.registry, agentLocalpartPattern: "^svc-" } };
    expect(verdicts(regUndeclaredUser, c)).toEqual(["@svc-x:hs:fail"]);
  });
});
