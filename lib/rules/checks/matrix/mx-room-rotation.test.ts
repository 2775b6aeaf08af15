import { describe, expect, it } from "vitest";
import { ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomRotation } from "./mx-room-rotation";

const meg = "m.megolm.v1.aes-sha2";
describe("MX-ROOM-ROTATION", () => {
  it("fails rotation slower than 100 messages or a week, passes defaults and limits", () => {
    const c = ctx({
      rooms: [
        room("!default:hs"),
        room("!limit:hs", { encryption: { algorithm: meg, rotationPeriodMsgs: 100, rotationPeriodMs: 604_800_000 } }),
        room("!msgs:hs", { encryption: { algorithm: meg, rotationPeriodMsgs: 1000 } }),
        room("!ms:hs", { encryption: { algorithm: meg, rotationPeriodMs: 30 * 86_400_000 } }),
      ],
    });
    expect(verdicts(mxRoomRotation, c)).toEqual(["!default:hs:pass", "!limit:hs:pass", "!ms:hs:fail", "!msgs:hs:fail"]);
  });
});
