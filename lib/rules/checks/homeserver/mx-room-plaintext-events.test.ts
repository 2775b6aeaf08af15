import { describe, expect, it } from "vitest";
import type { RoomFacts, RoomTimelineFacts } from "../../../snapshot/types";
import { mxRoomPlaintextEvents } from "./mx-room-plaintext-events";
import { context, homeserver, NOW } from "./__fixtures__/context";

const T = NOW.getTime() - 3600e3;
const room = (roomId: string, encrypted = true): RoomFacts => ({
  roomId,
  encryption: encrypted ? { algorithm: "m.megolm.v1.aes-sha2" } : null,
  members: ["@bot:example.org"],
});
const facts = (roomId: string, over: Partial<RoomTimelineFacts> = {}): RoomTimelineFacts => ({
  roomId,
  eventsRead: 40,
  windowStartTs: NOW.getTime() - 168 * 3600e3,
  complete: true,
  unencrypted: [],
  unencryptedCount: 0,
  ...over,
});
const run = (rooms: RoomFacts[], timeline: RoomTimelineFacts[]) => {
  const ctx = context(homeserver({ timeline: { windowHours: 168, rooms: timeline } }), rooms);
  ctx.policy.matrix.roomScope = "all";
  return mxRoomPlaintextEvents.run(ctx);
};

describe("MX-ROOM-PLAINTEXT-EVENTS (unencrypted events after m.room.encryption, metadata only)", () => {
  it("fails a message sent while the room was encrypted, naming sender and time", () => {
    const plain = { type: "m.room.message", sender: "@bot:example.org", ts: T, roomEncrypted: true };
    const rs = run([room("!a")], [facts("!a", { unencrypted: [plain], unencryptedCount: 1 })]);
    expect(rs).toMatchObject([{ status: "fail", subject: { type: "room", id: "!a" } }]);
    const at = new Date(T).toISOString();
    expect(rs[0]?.detail).toBe(`1 unencrypted event(s) sent while the room was encrypted: m.room.message from @bot:example.org at ${at}`);
    expect(rs[0]?.evidence.plaintextEvents).toEqual([
      { type: "m.room.message", sender: "@bot:example.org", at: new Date(T).toISOString() },
    ]);
  });

  it("passes messages from before encryption, redactions, and an all-encrypted window", () => {
    const before = { type: "m.room.message", sender: "@bot:example.org", ts: T, roomEncrypted: false };
    const redaction = { type: "m.room.redaction", sender: "@bot:example.org", ts: T, roomEncrypted: true };
    const rs = run([room("!a"), room("!b")], [facts("!a", { unencrypted: [before, redaction], unencryptedCount: 2 }), facts("!b")]);
    expect(rs.map((r) => r.status)).toEqual(["pass", "pass"]);
  });

  it("does not examine plaintext rooms, and is unknown for a room not read or unreadable", () => {
    const rs = run([room("!plain", false), room("!missing"), room("!broken")], [facts("!broken", { error: "forbidden" })]);
    expect(rs.map((r) => [r.subject.id, r.status])).toEqual([
      ["!missing", "unknown"],
      ["!broken", "unknown"],
    ]);
  });

  it("examines nothing when no timeline was collected", () => {
    const ctx = context(homeserver(), [room("!a")]);
    ctx.policy.matrix.roomScope = "all";
    expect(mxRoomPlaintextEvents.run(ctx)).toEqual([]);
  });
});
