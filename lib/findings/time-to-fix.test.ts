import { describe, expect, it } from "vitest";
import { timeToFix } from "./time-to-fix";

const t = (iso: string) => new Date(iso);

describe("timeToFix", () => {
  it("is null while the finding is not resolved", () => {
    expect(timeToFix(t("2026-01-01T00:00:00Z"), null)).toBeNull();
  });
  it("says days and hours, hours and minutes, or minutes", () => {
    expect(timeToFix(t("2026-01-01T00:00:00Z"), t("2026-01-04T05:10:00Z"))).toBe("3 d 5 h");
    expect(timeToFix(t("2026-01-01T00:00:00Z"), t("2026-01-01T02:30:00Z"))).toBe("2 h 30 min");
    expect(timeToFix(t("2026-01-01T00:00:00Z"), t("2026-01-01T00:07:00Z"))).toBe("7 min");
    expect(timeToFix(t("2026-01-01T00:00:00Z"), t("2026-01-02T00:00:00Z"))).toBe("1 d");
  });
});
