import { describe, expect, it } from "vitest";
import type { AgentProfile } from "../../../registry/types";
import { agent, ctx, device, verdicts } from "../matrix/__fixtures__/context";
import { regDeviceMismatch } from "./reg-device-mismatch";

const profile = (name: string, extra: Partial<AgentProfile> = {}): AgentProfile => ({
  source: `${name}.env`,
  name,
  userId: `@${name}:hs`,
  deviceId: `${name.toUpperCase()}01`,
  siblings: [],
  e2eeMode: "required",
  ...extra,
});

describe("REG-DEVICE-MISMATCH", () => {
  it("passes a declared device the server has; fails undeclared, absent from the server, or unset", () => {
    const c = ctx({
      agents: [agent("alpha"), agent("beta"), agent("gamma"), agent("delta", { deviceIds: ["DELTA01", "DELTA09"] })],
      devices: [device("@alpha:hs", "ALPHA01"), device("@beta:hs", "ROGUE"), device("@delta:hs", "DELTA01")],
    });
    c.registry.profiles = [
      profile("alpha"),
      profile("beta", { deviceId: "ROGUE" }),
      profile("gamma", { deviceId: undefined }),
      profile("delta", { deviceId: "DELTA09" }),
    ];
    expect(verdicts(regDeviceMismatch, c)).toEqual(["alpha:pass", "beta:fail", "delta:fail", "gamma:fail"]);
    const delta = regDeviceMismatch.run(c).find((r) => r.subject.id === "delta");
    expect(delta?.detail).toMatch(/DELTA09 is not one of @delta:hs's devices on the server/);
  });

  it("a profile for an undeclared user fails under the profile's name", () => {
    const c = ctx({ agents: [agent("alpha")], devices: [device("@zulu:hs", "ZULU01")] });
    c.registry.profiles = [profile("zulu")];
    expect(verdicts(regDeviceMismatch, c)).toEqual(["zulu:fail"]);
  });

  it("without profiles there is nothing to judge", () => {
    expect(regDeviceMismatch.run(ctx({}))).toEqual([]);
  });
});
