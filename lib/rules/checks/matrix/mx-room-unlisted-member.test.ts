import { describe, expect, it } from "vitest";
import { agent, ctx, room, verdicts } from "./__fixtures__/context";
import { mxRoomUnlistedMember } from "./mx-room-unlisted-member";

describe("MX-ROOM-UNLISTED-MEMBER", () => {
  it("fails rooms with a member who is neither agent nor allowed", () => {
    const c = ctx({
      agents: [agent("alpha"), agent("beta")],
      rooms: [
        room("!ok:hs", { members: ["@alpha:hs", "@beta:hs", "@auditor:hs"] }),
        room("!bad:hs", { members: ["@alpha:hs", "@mallory:hs"] }),
      ],
    });
    expect(verdicts(mxRoomUnlistedMember, c)).toEqual(["!bad:hs:fail", "!ok:hs:pass"]);
    expect(mxRoomUnlistedMember.run(c).find((r) => r.status === "fail")?.evidence.unlisted).toEqual(["@mallory:hs"]);
  });
});
