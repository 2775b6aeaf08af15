/**
 * Answers as Synapse gives them (shapes and error texts from Synapse 1.x's Client-Server and Admin APIs), replayed by
 * test/support/recorded-server.ts for remediation's unit tests. The real Synapse is exercised end to end in e2e/.
 */
export const AUDITOR = "@auditor:hs";
export const ROOM = "!plain:hs";

export const adminRoomDetails = (encryption: string | null, joinedLocalMembers = 2) => ({
  room_id: ROOM,
  name: "ops",
  canonical_alias: null,
  joined_members: joinedLocalMembers,
  joined_local_members: joinedLocalMembers,
  version: "10",
  creator: "@alice:hs",
  encryption,
  federatable: true,
  public: false,
  join_rules: "invite",
  guest_access: null,
  history_visibility: "shared",
  state_events: 7,
  room_type: null,
  forgotten: false,
});

/** m.room.power_levels as Synapse creates it for a private chat, with the auditor at `auditorLevel` when given. */
export const powerLevels = (auditorLevel?: number) => ({
  users: { "@alice:hs": 100, ...(auditorLevel === undefined ? {} : { [AUDITOR]: auditorLevel }) },
  users_default: 0,
  events: {
    "m.room.name": 50,
    "m.room.power_levels": 100,
    "m.room.history_visibility": 100,
    "m.room.canonical_alias": 50,
    "m.room.avatar": 50,
    "m.room.tombstone": 100,
    "m.room.server_acl": 100,
    "m.room.encryption": 100,
  },
  events_default: 0,
  state_default: 50,
  ban: 50,
  kick: 50,
  redact: 50,
  invite: 0,
  historical: 100,
});

/** Synapse's make_room_admin when no local member may change the power levels. */
export const makeRoomAdminRefused = {
  status: 400,
  json: { errcode: "M_UNKNOWN", error: "No local admin user in room with power to update power levels." },
};

export const notInRoom = { status: 403, json: { errcode: "M_FORBIDDEN", error: `User ${AUDITOR} not in room ${ROOM}` } };

/** What a reverse proxy in front of Synapse answers when Synapse is down: HTML, not a Matrix error. */
export const proxyBadGateway = {
  status: 502,
  raw: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
};

export const adminDevice = (userId: string, deviceId: string) => ({
  device_id: deviceId,
  display_name: "agent",
  last_seen_ip: "127.0.0.1",
  last_seen_ts: 1_700_000_000_000,
  last_seen_user_agent: "matrix-nio",
  user_id: userId,
});

export const deviceNotFound = { status: 404, json: { errcode: "M_NOT_FOUND", error: "No device found" } };
export const unknownToken = {
  status: 401,
  json: { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed.", soft_logout: false },
};
