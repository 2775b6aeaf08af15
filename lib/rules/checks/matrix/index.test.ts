import { describe, expect, it } from "vitest";
import { matrixChecks } from "./index";

describe("matrixChecks catalogue", () => {
  it("has every MX id once, with controls and prose", () => {
    const ids = matrixChecks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([
      "MX-BACKUP-MISSING",
      "MX-DEVICE-NO-KEYS",
      "MX-DEVICE-STALE",
      "MX-DEVICE-UNEXPECTED",
      "MX-DEVICE-UNSIGNED",
      "MX-IDENTITY-CHANGED",
      "MX-ROOM-ALGORITHM",
      "MX-ROOM-FEEDBACK-LOOP",
      "MX-ROOM-GUESTS",
      "MX-ROOM-HISTORY",
      "MX-ROOM-PLAINTEXT",
      "MX-ROOM-PUBLIC",
      "MX-ROOM-ROTATION",
      "MX-ROOM-UNLISTED-MEMBER",
      "MX-SIBLINGS-ASYMMETRIC",
      "MX-SIGNATURE-INVALID",
      "MX-USER-NO-CROSS-SIGNING",
      "MX-USER-UNVERIFIED",
    ]);
    for (const c of matrixChecks) {
      expect(c.meta.area).toBe("matrix");
      expect(c.meta.risk.length).toBeGreaterThan(20);
      expect(c.meta.remediation.length).toBeGreaterThan(20);
      expect(new Set(c.meta.controls.map((x) => x.framework))).toContain("SOC2");
    }
  });
});
