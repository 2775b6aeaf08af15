import type { Check } from "../../types";
import { ACCESS_RESTRICTION } from "./controls";
import { result } from "../result";
import { agentsByUserId, roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-UNLISTED-MEMBER: a joined member who is neither a registered agent nor allowed by the registry. */
export const mxRoomUnlistedMember: Check = {
  meta: {
    id: "MX-ROOM-UNLISTED-MEMBER",
    title: "Room has a member who is not a registered agent or allowed user",
    severity: "high",
    area: "matrix",
    risk: "Every member's devices receive the room keys, so an unexpected member can read everything the agents say from now on and can instruct them.",
    remediation:
      "Kick (or ban) the member if unexpected; if legitimate, add the user to the registry's allowedMembers or register the agent.",
    controls: ACCESS_RESTRICTION,
  },
  run(ctx) {
    const agents = agentsByUserId(ctx);
    const allowed = new Set(ctx.registry.allowedMembers);
    return roomsInScope(ctx).map((r) => {
      const unlisted = r.members.filter((m) => !agents.has(m) && !allowed.has(m));
      return result(
        roomSubject(r),
        unlisted.length > 0,
        unlisted.length
          ? `${unlisted.length} member(s) neither agent nor allowed: ${unlisted.join(", ")}`
          : `All ${r.members.length} members are agents or allowed`,
        { unlisted, members: r.members },
      );
    });
  },
};
