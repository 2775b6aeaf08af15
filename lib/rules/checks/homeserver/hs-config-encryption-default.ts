/**
 * HS-CONFIG-ENCRYPTION-DEFAULT — homeserver.yaml's encryption_enabled_by_default_for_room_type is not one the policy
 * accepts (default: all or invite). Absent means Synapse's default, "off". Unknown when no homeserver.yaml was given.
 * Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { SECURE_CONFIGURATION } from "./controls";
import { homeserverOf, homeserverSubject } from "./observed";

export const hsConfigEncryptionDefault: Check = {
  meta: {
    id: "HS-CONFIG-ENCRYPTION-DEFAULT",
    title: "New rooms are not encrypted by default",
    severity: "high",
    area: "homeserver",
    risk:
      "Every bot or script that creates a room without asking for encryption creates a plaintext room the server " +
      "operator, its backups and its database can read.",
    remediation: "Set encryption_enabled_by_default_for_room_type: all (or invite) in homeserver.yaml and restart Synapse.",
    controls: SECURE_CONFIGURATION,
    expectation: "all or invite",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    if (!hs.config) return [unknown(subject, "No homeserver.yaml was given to Vigil (homeserverPosture.configFile)")];
    const value = hs.config.encryptionEnabledByDefaultForRoomType ?? "off";
    const accepted = ctx.policy.homeserver.encryptionByDefault;
    const ok = (accepted as readonly string[]).includes(value);
    const set = hs.config.encryptionEnabledByDefaultForRoomType === undefined ? " (not set: Synapse's default)" : "";
    return [
      result(subject, !ok, `encryption_enabled_by_default_for_room_type is ${value}${set}`, { value, accepted, file: hs.config.path }),
    ];
  },
};
