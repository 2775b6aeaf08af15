import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomHistory } from "./mx-room-history";

describe("MX-ROOM-HISTORY", () => {
  const rooms = [
    room("!wr:hs", { historyVisibility: "world_readable" }),
    room("!sh:hs", { historyVisibility: "shared" }),
    room("!jo:hs", { historyVisibility: "joined" }),
    room("!odd:hs", { historyVisibility: "everyone" }),
    room("!unset:hs"),
  ];
  it("fails world_readable and unknown values under the default policy", () => {
    expect(verdicts(mxRoomHistory, ctx({ rooms }))).toEqual([
      "!jo:hs:pass",
      "!odd:hs:fail",
      "!sh:hs:pass",
      "!unset:hs:pass",
      "!wr:hs:fail",
    ]);
  });
  it("honours a stricter policy", () => {
    expect(verdicts(mxRoomHistory, ctx({ rooms, policy: { weakestHistoryVisibility: "joined" } }))).toEqual([
      "!jo:hs:pass",
      "!odd:hs:fail",
      "!sh:hs:fail",
      "!unset:hs:fail",
      "!wr:hs:fail",
    ]);
  });
});
