import { describe, expect, it } from "vitest";
import { agent, ctx, user, verdicts } from "./__fixtures__/context";
import { mxIdentityChanged } from "./mx-identity-changed";

describe("MX-IDENTITY-CHANGED", () => {
  const agents = [agent("alpha"), agent("beta"), agent("gamma"), agent("delta")];
  const users = [
    user("@alpha:hs"),
    user("@beta:hs", { crossSigning: { state: "present", masterKey: "NEW" } }),
    user("@gamma:hs"),
    user("@delta:hs", { crossSigning: { state: "absent" } }),
  ];
  it("is unknown, not a pass, when there is no baseline to compare with", () => {
    const results = mxIdentityChanged.run(ctx({ agents, users }));
    expect(results.map((r) => r.status)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    expect(results[0]?.detail).toMatch(/No accepted baseline/);
  });
  it("fails changed or removed master keys; unknown for agents the baseline never saw or that gained a key", () => {
    const echo = user("@echo:hs", { crossSigning: { state: "present", masterKey: "FIRST" } });
    const baseline = ctx({
      users: [
        user("@alpha:hs"),
        user("@beta:hs", { crossSigning: { state: "present", masterKey: "OLD" } }),
        user("@delta:hs", { crossSigning: { state: "present", masterKey: "GONE" } }),
        user("@echo:hs", { crossSigning: { state: "absent" } }),
        user("@foxtrot:hs", { crossSigning: { state: "absent" } }),
      ],
    }).snapshot;
    const foxtrot = user("@foxtrot:hs", { crossSigning: { state: "absent" } });
    const c = ctx({ agents: [...agents, agent("echo"), agent("foxtrot")], users: [...users, echo, foxtrot], baseline });
    expect(verdicts(mxIdentityChanged, c)).toEqual([
      "@alpha:hs:pass",
      "@beta:hs:fail",
      "@delta:hs:fail",
      "@echo:hs:unknown",
      "@foxtrot:hs:pass",
      "@gamma:hs:unknown",
    ]);
  });
});
