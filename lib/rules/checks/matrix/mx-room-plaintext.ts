import type { Check } from "../../types";
import { ENCRYPTION_IN_TRANSIT } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-PLAINTEXT: a room in scope without m.room.encryption. */
export const mxRoomPlaintext: Check = {
  meta: {
    id: "MX-ROOM-PLAINTEXT",
    title: "Agent room is not end-to-end encrypted",
    severity: "critical",
    area: "matrix",
    risk: "Without m.room.encryption every message is stored in clear on the homeserver, readable by its operator and by anyone holding its database or backups.",
    remediation:
      "Enable encryption in the room (send m.room.encryption with algorithm m.megolm.v1.aes-sha2; it cannot be undone), or move the agents to a new encrypted room and tombstone this one. Never keep a plaintext room for debugging.",
    controls: ENCRYPTION_IN_TRANSIT,
  },
  run(ctx) {
    return roomsInScope(ctx).map((r) =>
      result(
        roomSubject(r),
        r.encryption === null,
        r.encryption === null ? "Room has no m.room.encryption state event" : `Room is encrypted with ${r.encryption.algorithm}`,
        {
          encryption: r.encryption,
          members: r.members,
        },
      ),
    );
  },
};
