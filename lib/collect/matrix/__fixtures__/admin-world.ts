/**
 * A small recorded homeserver: three agents and an auditor, rooms in two list
 * pages (one plaintext, one empty, one malformed entry), real signed keys.
 * Tests override single routes to inject failures.
 */
import { crossSigningKeys, deviceKey, newIdentity, signMasterWithUsk } from "./keys";
import { on, type Route } from "../../../../test/support/recorded-server";

export const AUDITOR = "@auditor:hs";
export const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'\u202e`;

const stateEv = (type: string, content: Record<string, unknown>, state_key = "", sender = "@a:hs") => ({
  type,
  state_key,
  content,
  sender,
  event_id: `$${type}${state_key}`,
});
const member = (userId: string, membership = "join") => stateEv("m.room.member", { membership }, userId, userId);

export function adminWorld() {
  const auditor = newIdentity(AUDITOR);
  const a = newIdentity("@a:hs");
  const b = newIdentity("@b:hs");
  const aud = crossSigningKeys(auditor);
  const ak = crossSigningKeys(a);
  const devices = [deviceKey(auditor, "AUDDEV", true), deviceKey(a, "ADEV", true), deviceKey(b, "BDEV", false)];

  const rooms = {
    "!enc:hs": [
      stateEv("m.room.create", { creator: "@a:hs" }),
      stateEv("m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2", rotation_period_msgs: 1000 }),
      stateEv("m.room.name", { name: HOSTILE_NAME }),
      stateEv("m.room.join_rules", { join_rule: "invite" }),
      member("@a:hs"),
      member("@b:hs"),
      member("@gone:hs", "leave"),
    ],
    "!plain:hs": [stateEv("m.room.create", { creator: "@b:hs" }), stateEv("m.room.join_rules", { join_rule: "public" }), member("@b:hs")],
  };
  const listEntry = (room_id: string, extra: Record<string, unknown>) => ({
    room_id,
    name: null,
    canonical_alias: null,
    creator: "@a:hs",
    joined_members: 1,
    encryption: null,
    join_rules: "invite",
    guest_access: null,
    history_visibility: "shared",
    federatable: true,
    public: false,
    ...extra,
  });

  const routes: Record<string, Route> = {
    whoami: on("GET", "/_matrix/client/v3/account/whoami", () => ({ json: { user_id: AUDITOR, device_id: "AUDDEV" } })),
    admin: on("GET", `/_synapse/admin/v1/users/${AUDITOR}/admin`, () => ({ json: { admin: true } })),
    version: on("GET", "/_synapse/admin/v1/server_version", () => ({ json: { server_version: "1.163.2" } })),
    roomList: on("GET", "/_synapse/admin/v1/rooms", (q) =>
      q.get("from") === "0"
        ? {
            json: {
              rooms: [listEntry("!enc:hs", { joined_members: 2, encryption: "m.megolm.v1.aes-sha2" }), { name: "no id" }],
              next_batch: 2,
              total_rooms: 4,
            },
          }
        : {
            json: {
              rooms: [listEntry("!plain:hs", { join_rules: "public" }), listEntry("!empty:hs", { joined_members: 0 })],
              total_rooms: 4,
            },
          },
    ),
    stateEnc: on("GET", "/_synapse/admin/v1/rooms/!enc:hs/state", () => ({ json: { state: rooms["!enc:hs"] } })),
    statePlain: on("GET", "/_synapse/admin/v1/rooms/!plain:hs/state", () => ({ json: { state: rooms["!plain:hs"] } })),
    users: on("GET", "/_synapse/admin/v2/users", () => ({
      json: {
        users: [
          { name: AUDITOR, admin: true, deactivated: false, displayname: "Auditor" },
          { name: "@a:hs", admin: false, deactivated: false, displayname: HOSTILE_NAME },
          { name: "@b:hs", admin: false, deactivated: false },
          { name: "@old:hs", admin: false, deactivated: true },
        ],
        total: 4,
      },
    })),
    devices: (req) => {
      const m = /^\/_synapse\/admin\/v2\/users\/(.+)\/devices$/.exec(req.path);
      if (!m || req.method !== "GET") return undefined;
      const ids: Record<string, string[]> = { [AUDITOR]: ["AUDDEV"], "@a:hs": ["ADEV", "NOKEYS"], "@b:hs": ["BDEV"] };
      return {
        json: {
          devices: (ids[m[1] ?? ""] ?? []).map((device_id) => ({
            device_id,
            display_name: null,
            last_seen_ts: 1_700_000_000_000,
            last_seen_ip: "127.0.0.1",
            user_id: m[1],
          })),
        },
      };
    },
    keys: on("POST", "/_matrix/client/v3/keys/query", (_q, body) => {
      const asked = Object.keys((body as { device_keys: Record<string, unknown> }).device_keys);
      const pick = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([u]) => asked.includes(u)));
      const device_keys: Record<string, Record<string, unknown>> = {};
      for (const d of devices) device_keys[String(d.user_id)] = { ...(device_keys[String(d.user_id)] ?? {}), [String(d.device_id)]: d };
      return {
        json: {
          device_keys: pick(device_keys),
          master_keys: pick({ [AUDITOR]: aud.master, "@a:hs": signMasterWithUsk(ak.master, auditor) }),
          self_signing_keys: pick({ [AUDITOR]: aud.selfSigning, "@a:hs": ak.selfSigning }),
          user_signing_keys: pick({ [AUDITOR]: aud.userSigning }),
          failures: {},
        },
      };
    }),
    backup: on("GET", "/_matrix/client/v3/room_keys/version", () => ({
      status: 404,
      json: { errcode: "M_NOT_FOUND", error: "No backup found" },
    })),
    messages: on("GET", "/_synapse/admin/v1/rooms/!enc:hs/messages", () => ({
      json: {
        chunk: [
          { type: "m.room.encrypted", sender: "@b:hs", origin_server_ts: 2000, content: { ciphertext: "SECRET" } },
          { type: "m.room.encrypted", sender: "@a:hs", origin_server_ts: 1000, content: { ciphertext: "SECRET" } },
        ],
      },
    })),
  };
  return { routes, identities: { auditor, a, b } };
}
