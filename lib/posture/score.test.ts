import { describe, expect, it } from "vitest";
import type { Area, Severity } from "../rules/types";
import { postureScore } from "./score";

const META: Record<string, { severity: Severity; area: Area }> = {
  CRIT: { severity: "critical", area: "matrix" },
  LOW: { severity: "low", area: "matrix" },
  MESH: { severity: "high", area: "mesh" },
  INFO: { severity: "info", area: "mesh" },
};
const meta = (id: string) => META[id];

describe("postureScore", () => {
  it("is 100 when everything examined passed", () => {
    expect(postureScore([{ check: "CRIT", examined: 4, passed: 4 }, { check: "MESH", examined: 2, passed: 2 }], meta)).toEqual({
      overall: 100,
      areas: { matrix: 100, mesh: 100 },
    });
  });

  it("weights failures by severity: a critical failure costs ten times a low one", () => {
    const critFail = postureScore([{ check: "CRIT", examined: 10, passed: 9 }, { check: "LOW", examined: 10, passed: 10 }], meta);
    const lowFail = postureScore([{ check: "CRIT", examined: 10, passed: 10 }, { check: "LOW", examined: 10, passed: 9 }], meta);
    // (90 + 10) / 110 vs (100 + 9) / 110
    expect(critFail.areas.matrix).toBe(91);
    expect(lowFail.areas.matrix).toBe(99);
  });

  it("overall pools areas by weighted subjects, not by averaging area scores", () => {
    const s = postureScore([{ check: "CRIT", examined: 1, passed: 0 }, { check: "MESH", examined: 18, passed: 18 }], meta);
    expect(s.areas).toEqual({ matrix: 0, mesh: 100 });
    expect(s.overall).toBe(90); // 90 / 100
  });

  it("checks that examined nothing, info checks and unknown checks do not move the score", () => {
    const s = postureScore(
      [{ check: "MESH", examined: 0, passed: 0 }, { check: "INFO", examined: 5, passed: 0 }, { check: "GONE", examined: 5, passed: 0 }],
      meta,
    );
    expect(s).toEqual({ overall: null, areas: { mesh: null } });
  });

  it("an empty scan has no score rather than a perfect one", () => {
    expect(postureScore([], meta)).toEqual({ overall: null, areas: {} });
  });
});
