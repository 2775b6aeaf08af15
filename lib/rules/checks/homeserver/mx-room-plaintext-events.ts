/**
 * MX-ROOM-PLAINTEXT-EVENTS — events sent unencrypted into a room that had m.room.encryption at the time (a bot
 * without its crypto extra, a bridge, a raw API call: Synapse accepts them). From the recent timeline's metadata the
 * homeserver collector read (type, sender, time; never content). Types the policy allows unencrypted (redactions) are
 * not counted. Examined: encrypted rooms in scope. Subject: the room.
 */
import type { Check } from "../../types";
import { roomSubject, roomsInScope } from "../matrix/scope";
import { result, unknown } from "../result";
import { CONTENT_CONFIDENTIALITY } from "./controls";

const SHOWN = 3;

export const mxRoomPlaintextEvents: Check = {
  meta: {
    id: "MX-ROOM-PLAINTEXT-EVENTS",
    title: "Unencrypted messages in an encrypted room",
    severity: "high",
    area: "matrix",
    reads: ["homeserverTimeline"],
    risk:
      "A message sent in plaintext into an encrypted room is readable by the homeserver, its operator and its " +
      "backups, while everyone in the room believes it is end-to-end encrypted.",
    remediation:
      "Find the sender's client (a bot without mautrix[encryption]/libolm, a bridge, a script calling the API) and " +
      "make it encrypt or refuse to send; redact the plaintext events.",
    controls: CONTENT_CONFIDENTIALITY,
    expectation: "Every message encrypted",
  },
  run(ctx) {
    const timeline = ctx.snapshot.homeserver?.timeline;
    if (!timeline) return [];
    const byRoom = new Map(timeline.rooms.map((r) => [r.roomId, r]));
    const allowed = new Set(ctx.policy.homeserver.allowedPlaintextEventTypes);
    return roomsInScope(ctx)
      .filter((r) => r.encryption !== null)
      .map((room) => {
        const subject = roomSubject(room);
        const facts = byRoom.get(room.roomId);
        if (!facts) return unknown(subject, "The room's recent events were not read");
        if (facts.error) return unknown(subject, `The room's recent events could not be read: ${facts.error}`);
        const plaintext = facts.unencrypted.filter((e) => e.roomEncrypted && !allowed.has(e.type));
        const evidence = {
          windowHours: timeline.windowHours,
          eventsRead: facts.eventsRead,
          complete: facts.complete,
          plaintextEvents: plaintext.map((e) => ({ type: e.type, sender: e.sender, at: new Date(e.ts).toISOString() })),
        };
        if (plaintext.length > 0) {
          const shown = plaintext
            .slice(0, SHOWN)
            .map((e) => `${e.type} from ${e.sender} at ${new Date(e.ts).toISOString()}`)
            .join("; ");
          return result(subject, true, `${plaintext.length} unencrypted event(s) sent while the room was encrypted: ${shown}`, evidence);
        }
        const capped = facts.complete ? "" : ` (stopped at the ${facts.eventsRead}-event cap)`;
        return result(
          subject,
          false,
          `${facts.eventsRead} event(s) in the last ${timeline.windowHours} h, none unencrypted${capped}`,
          evidence,
        );
      });
  },
};
