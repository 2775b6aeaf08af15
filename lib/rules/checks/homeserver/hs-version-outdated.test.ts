import { describe, expect, it } from "vitest";
import { hsVersionOutdated } from "./hs-version-outdated";
import { compareVersions } from "./observed";
import { context, homeserver } from "./__fixtures__/context";

describe("HS-VERSION-OUTDATED (version against policy.homeserver.minVersion)", () => {
  it("compares part by part, not as text", () => {
    expect(compareVersions("1.98.0", "1.120.0")).toBe(-1);
    expect(compareVersions("1.120.0", "1.120")).toBe(0);
    expect(compareVersions("1.163.2rc1", "1.163.1")).toBe(1);
  });

  it("fails a version below the minimum and passes one at or above it", () => {
    const old = hsVersionOutdated.run(context(homeserver({ version: "1.98.0" })));
    expect(old).toMatchObject([{ status: "fail", detail: expect.stringContaining("older than") }]);
    expect(hsVersionOutdated.run(context(homeserver({ version: "1.120.0" })))[0]?.status).toBe("pass");
  });

  it("is unknown without a version", () => {
    expect(hsVersionOutdated.run(context(homeserver({ version: undefined, versionSource: undefined })))[0]?.status).toBe("unknown");
  });
});
