/**
 * HS-CONFIG-PUBLIC-EXPOSURE — homeserver.yaml publishes what agents' rooms and users are: the room directory to other
 * servers or to unauthenticated clients, or every user to the user directory search. Unknown when no homeserver.yaml
 * was given. Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { SECURE_CONFIGURATION } from "./controls";
import { homeserverOf, homeserverSubject } from "./observed";

export const hsConfigPublicExposure: Check = {
  meta: {
    id: "HS-CONFIG-PUBLIC-EXPOSURE",
    title: "Room or user directory exposed",
    severity: "medium",
    area: "homeserver",
    risk:
      "A published room directory or an all-users directory search tells outsiders which agents exist and where they " +
      "talk, the first step of targeting them.",
    remediation:
      "Set allow_public_rooms_over_federation: false, allow_public_rooms_without_auth: false and user_directory.search_all_users: false.",
    controls: SECURE_CONFIGURATION,
    expectation: "Directories not published",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const c = hs.config;
    if (!c) return [unknown(subject, "No homeserver.yaml was given to Vigil (homeserverPosture.configFile)")];
    const exposed = [
      c.allowPublicRoomsOverFederation && "allow_public_rooms_over_federation: true",
      c.allowPublicRoomsWithoutAuth && "allow_public_rooms_without_auth: true",
      c.userDirectorySearchAllUsers && "user_directory.search_all_users: true",
    ].filter((s): s is string => typeof s === "string");
    const evidence = {
      allowPublicRoomsOverFederation: c.allowPublicRoomsOverFederation ?? false,
      allowPublicRoomsWithoutAuth: c.allowPublicRoomsWithoutAuth ?? false,
      userDirectorySearchAllUsers: c.userDirectorySearchAllUsers ?? false,
      file: c.path,
    };
    const detail = exposed.length ? exposed.join("; ") : "Room directory and user directory are not published";
    return [result(subject, exposed.length > 0, detail, evidence)];
  },
};
