import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomPublic } from "./mx-room-public";

describe("MX-ROOM-PUBLIC", () => {
  it("fails public join rules only", () => {
    const c = ctx({
      rooms: [
        room("!pub:hs", { joinRule: "public" }),
        room("!inv:hs", { joinRule: "invite" }),
        room("!restr:hs", { joinRule: "restricted" }),
        room("!unset:hs"),
      ],
    });
    expect(verdicts(mxRoomPublic, c)).toEqual(["!inv:hs:pass", "!pub:hs:fail", "!restr:hs:pass", "!unset:hs:pass"]);
  });
});
