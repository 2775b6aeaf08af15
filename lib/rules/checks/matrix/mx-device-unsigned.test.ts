import { describe, expect, it } from "vitest";
import { ctx, device, verdicts } from "./__fixtures__/context";
import { mxDeviceUnsigned } from "./mx-device-unsigned";

describe("MX-DEVICE-UNSIGNED", () => {
  it("fails unsigned and badly signed agent devices, leaves keyless ones to MX-DEVICE-NO-KEYS", () => {
    const c = ctx({
      devices: [
        device("@alpha:hs", "A1"),
        device("@alpha:hs", "A2", { trust: "unsigned" }),
        device("@alpha:hs", "A3", { trust: "bad-signature" }),
        device("@alpha:hs", "A4", { trust: "no-keys" }),
        device("@bob:hs", "B1", { trust: "unsigned" }),
      ],
    });
    expect(verdicts(mxDeviceUnsigned, c)).toEqual(["@alpha:hs|A1:pass", "@alpha:hs|A2:fail", "@alpha:hs|A3:fail"]);
  });
});
