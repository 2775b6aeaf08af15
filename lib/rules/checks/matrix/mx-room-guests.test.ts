import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomGuests } from "./mx-room-guests";

describe("MX-ROOM-GUESTS", () => {
  it("fails can_join only", () => {
    const c = ctx({ rooms: [room("!g:hs", { guestAccess: "can_join" }), room("!f:hs", { guestAccess: "forbidden" }), room("!u:hs")] });
    expect(verdicts(mxRoomGuests, c)).toEqual(["!f:hs:pass", "!g:hs:fail", "!u:hs:pass"]);
  });
});
