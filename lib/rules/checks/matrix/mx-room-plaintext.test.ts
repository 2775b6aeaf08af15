import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomPlaintext } from "./mx-room-plaintext";

describe("MX-ROOM-PLAINTEXT", () => {
  it("fails plaintext rooms with agents, passes encrypted ones, ignores rooms without agents", () => {
    const c = ctx({
      rooms: [room("!enc:hs"), room("!plain:hs", { encryption: null }), room("!other:hs", { encryption: null, members: ["@bob:hs"] })],
    });
    expect(verdicts(mxRoomPlaintext, c)).toEqual(["!enc:hs:pass", "!plain:hs:fail"]);
    expect(mxRoomPlaintext.run(c).find((r) => r.status === "fail")?.detail).toBe("Room has no m.room.encryption state event");
  });
  it("judges every room when the policy scope is all", () => {
    const c = ctx({ rooms: [room("!other:hs", { encryption: null, members: [] })], policy: { roomScope: "all" } });
    expect(verdicts(mxRoomPlaintext, c)).toEqual(["!other:hs:fail"]);
  });
});
