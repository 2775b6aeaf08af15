import { describe, expect, it } from "vitest";
import { agent, ctx, device, user, verdicts } from "./__fixtures__/context";
import { mxSignatureInvalid } from "./mx-signature-invalid";

describe("MX-SIGNATURE-INVALID", () => {
  it("fails users and devices whose signatures do not verify", () => {
    const c = ctx({
      agents: [agent("alpha"), agent("beta")],
      users: [
        user("@alpha:hs"),
        user("@beta:hs", {
          crossSigning: { state: "bad-signature", masterKey: "M", problem: "self-signing key's master-key signature does not verify" },
        }),
      ],
      devices: [
        device("@alpha:hs", "GOOD"),
        device("@alpha:hs", "TAMPERED", { trust: "bad-signature", problem: "device self-signature does not verify" }),
        device("@alpha:hs", "BARE", { trust: "no-keys" }),
      ],
    });
    expect(verdicts(mxSignatureInvalid, c)).toEqual(["@alpha:hs:pass", "@alpha:hs|GOOD:pass", "@alpha:hs|TAMPERED:fail", "@beta:hs:fail"]);
    expect(mxSignatureInvalid.run(c).find((r) => r.subject.id === "@beta:hs")?.subject.type).toBe("user");
  });
});
