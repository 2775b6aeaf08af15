import type { Check } from "../../types";
import { KEY_MANAGEMENT } from "./controls";
import { result } from "../result";
import { roomSubject, roomsInScope } from "./scope";

/** MX-ROOM-ROTATION: Megolm session rotation slower than policy. */
export const mxRoomRotation: Check = {
  meta: {
    id: "MX-ROOM-ROTATION",
    title: "Room rotates its encryption session too rarely",
    severity: "medium",
    area: "matrix",
    risk: "A Megolm session decrypts every message sent until it rotates, so a long rotation period widens what one leaked session key exposes.",
    remediation:
      "Set rotation_period_msgs to at most 100 and rotation_period_ms to at most a week (604800000) in m.room.encryption — in practice by creating a new encrypted room with those values, since the event should not be re-sent.",
    controls: KEY_MANAGEMENT,
  },
  run(ctx) {
    const { maxRotationPeriodMsgs: maxMsgs, maxRotationPeriodMs: maxMs } = ctx.policy.matrix;
    return roomsInScope(ctx).flatMap((r) => {
      if (r.encryption === null) return [];
      // Absent values mean the spec defaults (100 messages, one week), which are within policy.
      const msgs = r.encryption.rotationPeriodMsgs;
      const ms = r.encryption.rotationPeriodMs;
      const problems = [
        ...(msgs !== undefined && msgs > maxMsgs ? [`rotation_period_msgs ${msgs} > ${maxMsgs}`] : []),
        ...(ms !== undefined && ms > maxMs ? [`rotation_period_ms ${ms} > ${maxMs}`] : []),
      ];
      const detail = problems.length ? `Session rotation too slow: ${problems.join(", ")}` : "Session rotation within policy";
      return [
        result(roomSubject(r), problems.length > 0, detail, {
          encryption: r.encryption,
          maxRotationPeriodMsgs: maxMsgs,
          maxRotationPeriodMs: maxMs,
        }),
      ];
    });
  },
};
