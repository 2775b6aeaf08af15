import { describe, expect, it } from "vitest";
import { ctx, device, verdicts } from "./__fixtures__/context";
import { mxDeviceNoKeys } from "./mx-device-no-keys";

describe("MX-DEVICE-NO-KEYS", () => {
  it("fails agent devices that never uploaded keys", () => {
    const c = ctx({
      devices: [
        device("@alpha:hs", "K"),
        device("@alpha:hs", "BARE", { trust: "no-keys" }),
        device("@alpha:hs", "U", { trust: "unsigned" }),
      ],
    });
    expect(verdicts(mxDeviceNoKeys, c)).toEqual(["@alpha:hs|BARE:fail", "@alpha:hs|K:pass", "@alpha:hs|U:pass"]);
  });
});
