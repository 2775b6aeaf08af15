import type { Check } from "../../types";
import { KEY_MANAGEMENT } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-ALGORITHM: encrypted room whose algorithm is not on the policy's list. */
export const mxRoomAlgorithm: Check = {
  meta: {
    id: "MX-ROOM-ALGORITHM",
    title: "Room uses an unexpected encryption algorithm",
    severity: "high",
    area: "matrix",
    risk: "An algorithm other than Megolm means clients cannot encrypt (so a misconfigured bot may fall back to failing or leaking) or that room state was tampered with.",
    remediation:
      "Create a new room with m.room.encryption algorithm m.megolm.v1.aes-sha2, move the agents there and tombstone this room; the encryption event of an existing room cannot be replaced safely.",
    controls: KEY_MANAGEMENT,
  },
  run(ctx) {
    const allowed = ctx.policy.matrix.allowedAlgorithms;
    // Plaintext rooms are MX-ROOM-PLAINTEXT's business; there is no algorithm to judge.
    return roomsInScope(ctx).flatMap((r) => {
      if (r.encryption === null) return [];
      const ok = allowed.includes(r.encryption.algorithm);
      return [
        result(
          roomSubject(r),
          !ok,
          ok
            ? `Algorithm ${r.encryption.algorithm} is allowed`
            : `Algorithm "${r.encryption.algorithm}" is not one of ${allowed.join(", ")}`,
          { encryption: r.encryption, allowedAlgorithms: allowed },
        ),
      ];
    });
  },
};
