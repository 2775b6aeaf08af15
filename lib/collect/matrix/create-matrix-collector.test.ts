import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/defaults";
import type { Registry } from "../../registry/types";
import { adminWorld, AUDITOR, HOSTILE_NAME } from "./__fixtures__/admin-world";
import { on, startRecordedServer, type RecordedServer, type Route } from "../../../test/support/recorded-server";
import { createMatrixCollector } from "./create-matrix-collector";

const registry: Registry = {
  agents: [
    { name: "a", matrixUserId: "@a:hs", deviceIds: ["ADEV"], siblings: ["@b:hs"] },
    { name: "b", matrixUserId: "@b:hs", deviceIds: ["BDEV"], siblings: [] },
  ],
  allowedMembers: [AUDITOR],
};

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function scan(routes: Record<string, Route>, extra: Route[] = []) {
  server = await startRecordedServer([...extra, ...Object.values(routes)]);
  const collector = createMatrixCollector({ baseUrl: server.baseUrl, accessToken: "tok", policy: DEFAULT_POLICY, backoffMs: 1 });
  return collector.collect({ registry });
}

describe("matrix collector, admin view", () => {
  it("pages rooms and users, derives members from state, computes trust, keeps hostile text verbatim", async () => {
    const { matrix, errors, stats } = await scan(adminWorld().routes);
    expect(matrix.view).toBe("admin");
    expect(matrix.homeserver).toMatchObject({ serverName: "hs", version: "1.163.2" });
    expect(matrix.rooms.map((r) => r.roomId)).toEqual(["!empty:hs", "!enc:hs", "!plain:hs"]);
    const enc = matrix.rooms.find((r) => r.roomId === "!enc:hs");
    expect(enc).toMatchObject({
      name: HOSTILE_NAME,
      members: ["@a:hs", "@b:hs"],
      encryption: { algorithm: "m.megolm.v1.aes-sha2", rotationPeriodMsgs: 1000 },
    });
    expect(enc?.recentActivity).toEqual([
      { sender: "@a:hs", ts: 1000 },
      { sender: "@b:hs", ts: 2000 },
    ]);
    expect(JSON.stringify(matrix)).not.toContain("SECRET");
    expect(matrix.rooms.find((r) => r.roomId === "!plain:hs")).toMatchObject({ encryption: null, joinRule: "public", members: ["@b:hs"] });
    expect(matrix.rooms.find((r) => r.roomId === "!empty:hs")?.state).toBeUndefined();
    // The malformed list entry is one scoped error, not a failed scan.
    expect(errors).toEqual([expect.objectContaining({ scope: "room #1 in the room list" })]);

    expect(matrix.auditor).toMatchObject({ userId: AUDITOR, userSigningKey: expect.any(String) });
    const a = matrix.users.find((u) => u.userId === "@a:hs");
    expect(a).toMatchObject({ displayName: HOSTILE_NAME, crossSigning: { state: "present" }, verifiedByAuditor: true });
    expect(matrix.users.find((u) => u.userId === "@b:hs")).toMatchObject({ crossSigning: { state: "absent" }, verifiedByAuditor: false });
    expect(matrix.users.find((u) => u.userId === AUDITOR)?.backup).toBeNull();
    expect(matrix.devices.map((d) => [d.userId, d.deviceId, d.trust])).toEqual([
      ["@a:hs", "ADEV", "verified-by-owner"],
      ["@a:hs", "NOKEYS", "no-keys"],
      ["@auditor:hs", "AUDDEV", "verified-by-owner"],
      ["@b:hs", "BDEV", "unsigned"],
    ]);
    expect(matrix.devices[0]).toMatchObject({ lastSeenTs: 1_700_000_000_000, lastSeenIp: "127.0.0.1" });
    // No state read for the empty room; no device read for the deactivated user.
    expect(stats.byLabel["admin.room.state"]).toBe(2);
    expect(stats.byLabel["admin.user.devices"]).toBe(3);
    expect(stats.byLabel["cs.keys.query"]).toBe(1);
  });

  it("retries a 5xx, then records a room whose state keeps failing and carries on", async () => {
    const w = adminWorld();
    let flaky = 0;
    const { matrix, errors, stats } = await scan(w.routes, [
      on("GET", "/_synapse/admin/v1/rooms/!enc:hs/state", () => (flaky++ < 1 ? { status: 502, raw: "Bad Gateway" } : undefined)),
      on("GET", "/_synapse/admin/v1/rooms/!plain:hs/state", () => "reset"),
    ]);
    expect(matrix.rooms.map((r) => r.roomId)).toEqual(["!empty:hs", "!enc:hs"]);
    expect(errors).toContainEqual(
      expect.objectContaining({ scope: "room !plain:hs state", message: expect.stringMatching(/fetch failed|socket|reset/i) }),
    );
    expect(stats.retries).toBeGreaterThanOrEqual(3);
  });

  it("records malformed JSON and wrong shapes per room", async () => {
    const { matrix, errors } = await scan(adminWorld().routes, [
      on("GET", "/_synapse/admin/v1/rooms/!plain:hs/state", () => ({ raw: "{not json" })),
      on("GET", "/_synapse/admin/v1/rooms/!enc:hs/state", () => ({ json: { state: "nope" } })),
    ]);
    expect(matrix.rooms.map((r) => r.roomId)).toEqual(["!empty:hs"]);
    expect(errors).toContainEqual(expect.objectContaining({ scope: "room !plain:hs state", message: expect.stringContaining("not JSON") }));
    expect(errors).toContainEqual(
      expect.objectContaining({ scope: "room !enc:hs state", message: expect.stringContaining("unexpected response shape") }),
    );
  });

  it("reports a token that loses admin rights mid-scan once, as a partial inventory", async () => {
    const forbidden = { status: 403, json: { errcode: "M_FORBIDDEN", error: "You are not a server admin" } } as const;
    const { matrix, errors } = await scan(adminWorld().routes, [
      (req) => (req.path.includes("/state") || req.path.startsWith("/_synapse/admin/v2/") ? forbidden : undefined),
    ]);
    expect(errors.filter((e) => e.scope === "admin api")).toHaveLength(1);
    expect(errors.find((e) => e.scope === "admin api")?.message).toMatch(/lost server-admin rights/);
    expect(matrix.rooms.every((r) => r.members.length === 0)).toBe(true); // only the empty room, whose list facts suffice
  });

  it("fails clearly on M_UNKNOWN_TOKEN", async () => {
    const dead = on("GET", "/_matrix/client/v3/account/whoami", () => ({
      status: 401,
      json: { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed." },
    }));
    await expect(scan(adminWorld().routes, [dead])).rejects.toThrow(/access token was rejected \(M_UNKNOWN_TOKEN\)/);
  });

  it("stops with a partial snapshot when the token dies mid-scan", async () => {
    const { errors } = await scan(adminWorld().routes, [
      on("POST", "/_matrix/client/v3/keys/query", () => ({ status: 401, json: { errcode: "M_UNKNOWN_TOKEN", error: "gone" } })),
    ]);
    expect(errors).toContainEqual(expect.objectContaining({ scope: "access token", message: expect.stringMatching(/scan stopped/) }));
  });
});

describe("matrix collector, member view", () => {
  it("uses joined rooms and /keys/query when the token is not a server admin", async () => {
    const w = adminWorld();
    const forbidden = { status: 403, json: { errcode: "M_FORBIDDEN", error: "You are not a server admin" } } as const;
    const { matrix, errors, stats } = await scan(w.routes, [
      (req) => (req.path.startsWith("/_synapse/admin/") ? forbidden : undefined),
      on("GET", "/_matrix/client/v3/joined_rooms", () => ({ json: { joined_rooms: ["!enc:hs"] } })),
      on("GET", "/_matrix/client/v3/rooms/!enc:hs/state", () => ({
        json: [
          { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
          { type: "m.room.member", state_key: "@a:hs", content: { membership: "join" } },
          { type: "m.room.member", state_key: "@b:hs", content: { membership: "join" } },
          "garbage",
        ],
      })),
      on("GET", "/_matrix/client/v3/rooms/!enc:hs/messages", () => ({
        json: { chunk: [{ sender: "@a:hs", origin_server_ts: 5, content: { body: "SECRET" } }] },
      })),
    ]);
    expect(matrix.view).toBe("member");
    expect(matrix.rooms).toHaveLength(1);
    expect(matrix.rooms[0]).toMatchObject({ members: ["@a:hs", "@b:hs"], recentActivity: [{ sender: "@a:hs", ts: 5 }] });
    expect(errors).toEqual([expect.objectContaining({ scope: "room !enc:hs state", message: expect.stringContaining("1 malformed") })]);
    expect(matrix.devices.map((d) => `${d.userId}|${d.deviceId}|${d.trust}`).sort()).toEqual([
      "@a:hs|ADEV|verified-by-owner",
      "@auditor:hs|AUDDEV|verified-by-owner",
      "@b:hs|BDEV|unsigned",
    ]);
    expect(matrix.devices.every((d) => d.lastSeenTs === undefined)).toBe(true);
    expect(stats.byLabel["admin.rooms"]).toBeUndefined();
  });
});
