import { describe, expect, it } from "vitest";
import { agent, ctx, user, verdicts } from "./__fixtures__/context";
import { mxUserUnverified } from "./mx-user-unverified";

describe("MX-USER-UNVERIFIED", () => {
  it("fails agents whose master key the auditor has not signed", () => {
    const c = ctx({
      agents: [agent("alpha"), agent("beta")],
      users: [user("@alpha:hs"), user("@beta:hs", { verifiedByAuditor: false }), user("@auditor:hs", { verifiedByAuditor: false })],
    });
    expect(verdicts(mxUserUnverified, c)).toEqual(["@alpha:hs:pass", "@beta:hs:fail"]);
  });
});
