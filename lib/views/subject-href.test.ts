import { describe, expect, it } from "vitest";
import { certificateHref, deviceHref, subjectHref, userHref } from "./subject-href";

describe("subjectHref", () => {
  it("sends each subject type to its page, ids percent-encoded", () => {
    expect(subjectHref("room", "!a:hs/x")).toBe("/rooms/!a%3Ahs%2Fx");
    expect(subjectHref("device", "@u:hs|DEV 1")).toBe("/devices/%40u%3Ahs/DEV%201");
    expect(subjectHref("user", "@u:hs")).toBe("/devices/%40u%3Ahs");
    expect(subjectHref("agent", "alpha beta")).toBe("/agents#agent-alpha%20beta");
    expect(subjectHref("endpoint", "127.0.0.1:8443")).toBe("/mesh/127.0.0.1%3A8443");
    expect(subjectHref("certificate", "ab12")).toBe("/mesh/certificates/ab12");
    expect(subjectHref("homeserver", "https://hs")).toBe("/homeserver");
  });

  it("a user's page and a device's page never share a path: the device page is one segment deeper", () => {
    expect(userHref("@u:hs")).toBe("/devices/%40u%3Ahs");
    expect(deviceHref("@u:hs", "D")).toBe(`${userHref("@u:hs")}/D`);
    // A user id with a slash stays one segment, so it cannot be read as a device of another user.
    expect(userHref("@a/b:hs")).toBe("/devices/%40a%2Fb%3Ahs");
    expect(certificateHref("AB CD")).toBe("/mesh/certificates/AB%20CD");
  });

  it("splits a device id at the first bar only (device ids may hold one), and a malformed one has no page", () => {
    expect(subjectHref("device", "@u:hs|A|B")).toBe(deviceHref("@u:hs", "A|B"));
    expect(subjectHref("device", "no-bar")).toBeNull();
    expect(subjectHref("device", "|DEV")).toBeNull();
    expect(subjectHref("something-new", "x")).toBeNull();
  });
});
