import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomAlgorithm } from "./mx-room-algorithm";

describe("MX-ROOM-ALGORITHM", () => {
  it("fails algorithms outside policy and skips plaintext rooms", () => {
    const c = ctx({
      rooms: [
        room("!ok:hs"),
        room("!olm:hs", { encryption: { algorithm: "m.olm.v1.curve25519-aes-sha2" } }),
        room("!broken:hs", { encryption: { algorithm: "" } }),
        room("!plain:hs", { encryption: null }),
      ],
    });
    expect(verdicts(mxRoomAlgorithm, c)).toEqual(["!broken:hs:fail", "!ok:hs:pass", "!olm:hs:fail"]);
  });
});
