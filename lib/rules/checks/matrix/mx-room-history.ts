import type { Check } from "../../types";
import { ACCESS_RESTRICTION } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

const ORDER = ["joined", "invited", "shared", "world_readable"];

/** MX-ROOM-HISTORY: history visible more widely than policy allows. */
export const mxRoomHistory: Check = {
  meta: {
    id: "MX-ROOM-HISTORY",
    title: "Room history is visible more widely than policy allows",
    severity: "medium",
    area: "matrix",
    risk: "world_readable history can be read without joining (and, for plaintext events, by anyone who can reach the server); weaker settings also let later members read what came before them.",
    remediation:
      "Set m.room.history_visibility to shared, invited or joined (at least as strict as the policy's weakestHistoryVisibility).",
    controls: ACCESS_RESTRICTION,
  },
  run(ctx) {
    const weakest = ctx.policy.matrix.weakestHistoryVisibility;
    return roomsInScope(ctx).map((r) => {
      // No event means "shared" per the spec; an unknown value cannot be shown to be safe.
      const hv = r.historyVisibility ?? "shared";
      const rank = ORDER.indexOf(hv);
      const bad = rank === -1 || rank > ORDER.indexOf(weakest);
      return result(roomSubject(r), bad, bad ? `history_visibility ${hv} is weaker than ${weakest}` : `history_visibility ${hv}`, {
        historyVisibility: r.historyVisibility ?? null,
        weakestAllowed: weakest,
      });
    });
  },
};
