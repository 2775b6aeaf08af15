import { describe, expect, it } from "vitest";
import { unencryptedOf } from "./collect-timeline";

const ev = (type: string, ts: number, state = false) => ({ type, sender: "@bot:x", ts, state });

describe("unencryptedOf (newest first: the room was encrypted for every event newer than its oldest m.room.encryption)", () => {
  it("flags messages after encryption and not those before; encrypted and state events are not kept", () => {
    const heads = [
      ev("m.room.message", 5),
      ev("m.room.encrypted", 4),
      ev("m.room.encryption", 3, true),
      ev("m.room.message", 2),
      ev("m.room.create", 1, true),
    ];
    const out = unencryptedOf(heads);
    expect(out.unencryptedCount).toBe(2);
    expect(out.unencrypted).toEqual([
      { type: "m.room.message", sender: "@bot:x", ts: 5, roomEncrypted: true },
      { type: "m.room.message", sender: "@bot:x", ts: 2, roomEncrypted: false },
    ]);
  });

  it("counts from the OLDEST m.room.encryption when it was sent twice, and takes a window without one as encrypted throughout", () => {
    const twice = unencryptedOf([ev("m.room.encryption", 4, true), ev("m.room.message", 3), ev("m.room.encryption", 2, true)]);
    expect(twice.unencrypted[0]?.roomEncrypted).toBe(true);
    expect(unencryptedOf([ev("m.room.message", 1)]).unencrypted[0]?.roomEncrypted).toBe(true);
  });

  it("keeps at most 50, those sent while encrypted first, and still counts them all", () => {
    const heads = [
      ...Array.from({ length: 60 }, (_, i) => ev("m.room.message", 1000 - i)),
      ev("m.room.encryption", 10, true),
      ...Array.from({ length: 5 }, (_, i) => ev("m.room.message", 5 - i)),
    ];
    const out = unencryptedOf(heads);
    expect(out.unencryptedCount).toBe(65);
    expect(out.unencrypted).toHaveLength(50);
    expect(out.unencrypted.every((e) => e.roomEncrypted)).toBe(true);
  });
});
