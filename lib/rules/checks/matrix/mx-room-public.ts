import type { Check } from "../../types";
import { ACCESS_RESTRICTION } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-PUBLIC: agent room anyone can join. */
export const mxRoomPublic: Check = {
  meta: {
    id: "MX-ROOM-PUBLIC",
    title: "Agent room is joinable by anyone",
    severity: "high",
    area: "matrix",
    risk: "With join_rules public any account on any federated server can join and receive the room keys for new messages, and inject instructions to the agents.",
    remediation:
      "Set m.room.join_rules to invite (or restricted to a trusted space) and remove unexpected members; check MX-ROOM-UNLISTED-MEMBER afterwards.",
    controls: ACCESS_RESTRICTION,
  },
  run(ctx) {
    return roomsInScope(ctx).map((r) => {
      // No join_rules event means "invite" per the spec.
      const rule = r.joinRule ?? "invite";
      return result(
        roomSubject(r),
        rule === "public",
        rule === "public" ? "join_rules is public: anyone can join" : `join_rules is ${rule}`,
        { joinRule: r.joinRule ?? null },
      );
    });
  },
};
