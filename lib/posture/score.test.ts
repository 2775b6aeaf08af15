import { describe, expect, it } from "vitest";
import type { Area, Severity } from "../rules/types";
import { bandOf, postureScore, scoreFrom, zeroCounts } from "./score";

const META: Record<string, { severity: Severity; area: Area }> = {
  CRIT: { severity: "critical", area: "matrix" },
  LOW: { severity: "low", area: "matrix" },
  MESH: { severity: "high", area: "mesh" },
  INFO: { severity: "info", area: "mesh" },
};
const meta = (id: string) => META[id];
const counts = (c: Partial<Record<Severity, number>>) => ({ ...zeroCounts(), ...c });

describe("scoreFrom", () => {
  it("is 100 with nothing open and everything decided", () => {
    expect(scoreFrom(zeroCounts(), 0)).toBe(100);
  });

  it("one critical among any number of healthy subjects is red: the issue's 91 with five criticals open", () => {
    expect(scoreFrom(counts({ critical: 1 }), 0)).toBe(39);
    expect(bandOf(scoreFrom(counts({ critical: 5 }), 0))).toBe("red");
    expect(scoreFrom(counts({ critical: 5 }), 0)).toBe(0);
  });

  it("a high caps it in the amber, mediums and lows only subtract", () => {
    expect(scoreFrom(counts({ high: 1 }), 0)).toBe(79);
    expect(bandOf(79)).toBe("amber");
    expect(scoreFrom(counts({ medium: 2, low: 3 }), 0)).toBe(89);
    expect(bandOf(89)).toBe("green");
  });

  it("an undecided result keeps it out of the green (unknown is never a pass)", () => {
    expect(scoreFrom(zeroCounts(), 1)).toBe(79);
    expect(bandOf(scoreFrom(zeroCounts(), 1))).toBe("amber");
  });

  it("never goes below 0 and info findings cost nothing", () => {
    expect(scoreFrom(counts({ high: 30 }), 0)).toBe(0);
    expect(scoreFrom(counts({ info: 40 }), 0)).toBe(100);
  });
});

describe("postureScore", () => {
  it("scores each area from its own open findings and the overall from all of them", () => {
    const s = postureScore(
      [
        { check: "CRIT", examined: 400 },
        { check: "LOW", examined: 10 },
        { check: "MESH", examined: 18, unknown: 0 },
      ],
      [
        { check: "CRIT", severity: "critical" },
        { check: "LOW", severity: "low" },
      ],
      meta,
    );
    expect(s.areas).toEqual({ matrix: 39, mesh: 100 });
    expect(s.overall).toBe(39);
    expect(s.open).toEqual(counts({ critical: 1, low: 1 }));
  });

  it("uses the finding's own severity (a policy override), not the check's default", () => {
    const s = postureScore([{ check: "CRIT", examined: 3 }], [{ check: "CRIT", severity: "medium" }], meta);
    expect(s.overall).toBe(96);
  });

  it("undecided results count against their area", () => {
    const s = postureScore(
      [
        { check: "MESH", examined: 5, unknown: 2 },
        { check: "LOW", examined: 5 },
      ],
      [],
      meta,
    );
    expect(s.areas).toEqual({ mesh: 79, matrix: 100 });
    expect(s.unknown).toBe(2);
  });

  it("checks it does not know are left out; nothing examined has no score rather than a perfect one", () => {
    expect(postureScore([{ check: "GONE", examined: 5 }], [{ check: "GONE", severity: "critical" }], meta).overall).toBeNull();
    expect(postureScore([], [], meta)).toEqual({ model: "open-findings", overall: null, areas: {}, open: zeroCounts(), unknown: 0 });
  });
});
