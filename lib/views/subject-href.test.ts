import { describe, expect, it } from "vitest";
import { deviceHref, subjectHref } from "./subject-href";

describe("subjectHref", () => {
  it("sends each subject type to its page, ids percent-encoded", () => {
    expect(subjectHref("room", "!a:hs/x")).toBe("/rooms/!a%3Ahs%2Fx");
    expect(subjectHref("device", "@u:hs|DEV 1")).toBe("/devices/%40u%3Ahs/DEV%201");
    expect(subjectHref("user", "@u:hs")).toBe("/devices?user=%40u%3Ahs");
    expect(subjectHref("agent", "alpha beta")).toBe("/agents#agent-alpha%20beta");
    expect(subjectHref("endpoint", "127.0.0.1:8443")).toBe("/mesh/127.0.0.1%3A8443");
    expect(subjectHref("certificate", "ab12")).toBe("/mesh?q=ab12");
    expect(subjectHref("homeserver", "https://hs")).toBe("/homeserver");
  });

  it("splits a device id at the first bar only (device ids may hold one), and a malformed one has no page", () => {
    expect(subjectHref("device", "@u:hs|A|B")).toBe(deviceHref("@u:hs", "A|B"));
    expect(subjectHref("device", "no-bar")).toBeNull();
    expect(subjectHref("device", "|DEV")).toBeNull();
    expect(subjectHref("something-new", "x")).toBeNull();
  });
});
