import { describe, expect, it } from "vitest";
import { ctx, device, NOW, verdicts } from "./__fixtures__/context";
import { mxDeviceStale } from "./mx-device-stale";

describe("MX-DEVICE-STALE", () => {
  it("fails devices unseen for longer than staleDeviceDays; no last-seen time is unknown, never a pass", () => {
    const day = 86_400_000;
    const c = ctx({
      devices: [
        device("@alpha:hs", "FRESH"),
        device("@alpha:hs", "OLD", { lastSeenTs: NOW.getTime() - 90 * day }),
        device("@alpha:hs", "EDGE", { lastSeenTs: NOW.getTime() - 30 * day }),
        device("@alpha:hs", "NEVER", { lastSeenTs: undefined }),
      ],
    });
    expect(verdicts(mxDeviceStale, c)).toEqual([
      "@alpha:hs|EDGE:pass",
      "@alpha:hs|FRESH:pass",
      "@alpha:hs|NEVER:unknown",
      "@alpha:hs|OLD:fail",
    ]);
    expect(mxDeviceStale.run(c).find((r) => r.subject.id.endsWith("NEVER"))?.detail).toMatch(/No last-seen time visible/);
  });
});
