import { describe, expect, it } from "vitest";
import { agent, ctx, user, verdicts } from "./__fixtures__/context";
import { mxUserNoCrossSigning } from "./mx-user-no-cross-signing";

describe("MX-USER-NO-CROSS-SIGNING", () => {
  it("fails agents without a master key, judges only agents", () => {
    const c = ctx({
      agents: [agent("alpha"), agent("gamma"), agent("delta")],
      users: [
        user("@alpha:hs"),
        user("@gamma:hs", { crossSigning: { state: "absent" } }),
        user("@delta:hs", { crossSigning: { state: "bad-signature", masterKey: "x", problem: "p" } }),
        user("@mallory:hs", { crossSigning: { state: "absent" } }),
      ],
    });
    expect(verdicts(mxUserNoCrossSigning, c)).toEqual(["@alpha:hs:pass", "@delta:hs:pass", "@gamma:hs:fail"]);
  });
});
