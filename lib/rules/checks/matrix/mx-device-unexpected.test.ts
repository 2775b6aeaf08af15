import { describe, expect, it } from "vitest";
import { agent, ctx, device, verdicts } from "./__fixtures__/context";
import { mxDeviceUnexpected } from "./mx-device-unexpected";

describe("MX-DEVICE-UNEXPECTED", () => {
  it("fails devices not declared for the agent", () => {
    const c = ctx({
      agents: [agent("alpha", { deviceIds: ["ALPHA01"] })],
      devices: [device("@alpha:hs", "ALPHA01"), device("@alpha:hs", "ROGUE"), device("@bob:hs", "X")],
    });
    expect(verdicts(mxDeviceUnexpected, c)).toEqual(["@alpha:hs|ALPHA01:pass", "@alpha:hs|ROGUE:fail"]);
  });
});
