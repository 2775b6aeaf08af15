import { describe, expect, it } from "vitest";
import type { Snapshot } from "../snapshot/types";
import { compareForDrift, pickRulesBaseline } from "./compare-points";

type Status = "complete" | "partial" | "failed";
const point = (name: string, status: Status, takenAt: string, isBaseline = false) => ({ name, status, takenAt, isBaseline });

describe("pickRulesBaseline", () => {
  it("prefers the accepted baseline over a newer complete scan", () => {
    const picked = pickRulesBaseline([
      point("new", "complete", "2026-01-03T00:00:00Z"),
      point("accepted", "complete", "2026-01-01T00:00:00Z", true),
    ]);
    expect(picked?.name).toBe("accepted");
  });

  it("without an accepted one, takes the latest complete scan; partial and failed never qualify", () => {
    const picked = pickRulesBaseline([
      point("old", "complete", "2026-01-01T00:00:00Z"),
      point("partial", "partial", "2026-01-05T00:00:00Z", true),
      point("failed", "failed", "2026-01-06T00:00:00Z"),
      null,
      point("latest", "complete", "2026-01-02T00:00:00Z"),
    ]);
    expect(picked?.name).toBe("latest");
    expect(pickRulesBaseline([point("p", "partial", "2026-01-01T00:00:00Z"), undefined])).toBeUndefined();
  });
});

describe("compareForDrift", () => {
  const withRoom = (takenAt: string, encrypted: boolean): Snapshot => ({
    takenAt,
    errors: [],
    matrix: {
      homeserver: { baseUrl: "http://127.0.0.1:1", serverName: "hs" },
      view: "admin",
      auditor: { userId: "@auditor:hs" },
      rooms: [{ roomId: "!r:hs", encryption: encrypted ? { algorithm: "m.megolm.v1.aes-sha2" } : null, members: ["@agent-a:hs"] }],
      users: [],
      devices: [],
    },
    registry: { agents: [{ name: "a", matrixUserId: "@agent-a:hs", deviceIds: [], siblings: [] }], allowedMembers: [] },
  });

  it("diffs two complete scans", () => {
    const before = { status: "complete" as const, snapshot: withRoom("2026-01-01T00:00:00Z", true) };
    const drift = compareForDrift(before, { status: "complete", snapshot: withRoom("2026-01-02T00:00:00Z", false) });
    expect("changes" in drift && drift.changes.map((c) => c.kind)).toEqual(["room-encryption"]);
  });

  it("does not compare a partial scan, nor against one, and says why", () => {
    const complete = { status: "complete" as const, snapshot: withRoom("2026-01-01T00:00:00Z", true) };
    const partial = { status: "partial" as const, snapshot: withRoom("2026-01-02T00:00:00Z", false) };
    expect(compareForDrift(complete, partial)).toEqual({ notCompared: "this scan is partial: what it did not read would show as removed" });
    expect(compareForDrift(partial, complete)).toEqual({ notCompared: "the scan of 2026-01-02T00:00:00Z was partial" });
    expect(compareForDrift(undefined, complete, "no accepted baseline")).toEqual({ notCompared: "no accepted baseline" });
  });
});
