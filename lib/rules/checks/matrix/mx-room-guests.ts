import type { Check } from "../../types";
import { ACCESS_RESTRICTION } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-GUESTS: guests may join. */
export const mxRoomGuests: Check = {
  meta: {
    id: "MX-ROOM-GUESTS",
    title: "Guests can join the agent room",
    severity: "medium",
    area: "matrix",
    risk: "Guest accounts are anonymous and unaccountable; with can_join they can enter the room whenever the join rule lets them.",
    remediation: "Set m.room.guest_access to forbidden.",
    controls: ACCESS_RESTRICTION,
  },
  run(ctx) {
    return roomsInScope(ctx).map((r) => {
      const bad = r.guestAccess === "can_join";
      return result(roomSubject(r), bad, bad ? "guest_access is can_join" : `guest_access is ${r.guestAccess ?? "not set (forbidden)"}`, {
        guestAccess: r.guestAccess ?? null,
      });
    });
  },
};
