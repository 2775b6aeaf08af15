import { describe, expect, it } from "vitest";
import { agent, ctx, room, verdicts } from "./__fixtures__/context";
import { maxAlternations, mxRoomFeedbackLoop } from "./mx-room-feedback-loop";

const alternating = (a: string, b: string, n: number, stepMs: number) =>
  Array.from({ length: n }, (_, i) => ({ sender: i % 2 ? b : a, ts: 1_000_000 + i * stepMs }));

describe("MX-ROOM-FEEDBACK-LOOP", () => {
  const agents = [agent("delta"), agent("echo"), agent("alpha")];
  it("fails fast alternation between two agents, passes chat and slow exchanges", () => {
    const c = ctx({
      agents,
      rooms: [
        room("!loop:hs", { members: ["@delta:hs", "@echo:hs"], recentActivity: alternating("@delta:hs", "@echo:hs", 30, 500) }),
        room("!slow:hs", { members: ["@delta:hs", "@echo:hs"], recentActivity: alternating("@delta:hs", "@echo:hs", 30, 60_000) }),
        room("!chat:hs", { members: ["@alpha:hs", "@echo:hs"], recentActivity: alternating("@alpha:hs", "@echo:hs", 2, 1000) }),
        room("!solo:hs", { members: ["@alpha:hs"] }),
        room("!unknown:hs", { members: ["@alpha:hs", "@delta:hs"] }),
      ],
    });
    expect(verdicts(mxRoomFeedbackLoop, c)).toEqual([
      "!chat:hs:pass",
      "!loop:hs:fail",
      "!slow:hs:pass",
      "!solo:hs:pass",
      "!unknown:hs:unknown",
    ]);
    expect(mxRoomFeedbackLoop.run(c).find((r) => r.subject.id === "!unknown:hs")?.detail).toMatch(/not collected/);
  });
  it("counts alternations per pair inside the window, ignoring non-agents", () => {
    const events = [...alternating("@delta:hs", "@echo:hs", 5, 10), { sender: "@human:hs", ts: 1_000_020 }];
    expect(maxAlternations(events, new Set(["@delta:hs", "@echo:hs"]), 1000)).toEqual({ count: 4, pair: ["@delta:hs", "@echo:hs"] });
  });
});
