import { describe, expect, it } from "vitest";
import { agent, ctx, user, verdicts } from "./__fixtures__/context";
import { mxIdentityChanged } from "./mx-identity-changed";

describe("MX-IDENTITY-CHANGED", () => {
  const agents = [agent("alpha"), agent("beta"), agent("gamma"), agent("delta")];
  const users = [user("@alpha:hs"), user("@beta:hs", { crossSigning: { state: "present", masterKey: "NEW" } }), user("@gamma:hs"), user("@delta:hs", { crossSigning: { state: "absent" } })];
  it("passes with 'no baseline yet' when there is none", () => {
    const results = mxIdentityChanged.run(ctx({ agents, users }));
    expect(results.every((r) => r.status === "pass" && r.detail === "no baseline yet")).toBe(true);
  });
  it("fails changed or removed master keys against the baseline", () => {
    const baseline = ctx({ users: [user("@alpha:hs"), user("@beta:hs", { crossSigning: { state: "present", masterKey: "OLD" } }), user("@delta:hs", { crossSigning: { state: "present", masterKey: "GONE" } })] }).snapshot;
    expect(verdicts(mxIdentityChanged, ctx({ agents, users, baseline }))).toEqual(["@alpha:hs:pass", "@beta:hs:fail", "@delta:hs:fail", "@gamma:hs:pass"]);
  });
});
