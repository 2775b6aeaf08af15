import { afterEach, describe, expect, it } from "vitest";
import { startRecordedServer, type RecordedServer, type Reply, type Route } from "../../test/support/recorded-server";
import { createHomeserverClient } from "../homeserver/client";
import { adminDevice, AUDITOR, deviceNotFound, proxyBadGateway, unknownToken } from "./__fixtures__/synapse-answers";
import type { Homeserver } from "./homeserver";
import { SignOutDevicesError, signOutDevices } from "./sign-out-devices";

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const DEVICE_PATH = /^\/_synapse\/admin\/v2\/users\/([^/]+)\/devices\/([^/]+)$/;
const chosen = [
  { userId: "@bot:hs", deviceId: "ROGUE" },
  { userId: "@bot:hs", deviceId: "STALE" },
];

/** Synapse's device admin API over a set of devices: GET finds, DELETE removes (200 {} even when missing, as Synapse does). */
function devices(present: Set<string>, override?: (method: string, deviceId: string) => Reply | undefined): Route {
  return ({ method, path }) => {
    const m = DEVICE_PATH.exec(path);
    if (!m) return undefined;
    const [, userId = "", deviceId = ""] = m;
    const forced = override?.(method, deviceId);
    if (forced) return forced;
    if (method === "GET") return present.has(deviceId) ? { json: adminDevice(userId, deviceId) } : deviceNotFound;
    if (method === "DELETE") return (present.delete(deviceId), { json: {} });
    return undefined;
  };
}

const homeserver = (baseUrl: string, admin = true): Homeserver => ({
  auditorUserId: AUDITOR,
  admin,
  client: createHomeserverClient({ baseUrl, accessToken: "syt_token", backoffMs: 1 }),
});
const deletes = (log: string[]) => log.filter((l) => l.startsWith("DELETE"));

describe("signOutDevices on recorded Synapse answers", () => {
  it("the dry run asks which devices are there and deletes none", async () => {
    const present = new Set(["ROGUE"]);
    server = await startRecordedServer([devices(present)]);
    const outcomes = await signOutDevices({ devices: chosen, dryRun: true, homeserver: homeserver(server.baseUrl) });
    expect(outcomes.map((o) => [o.deviceId, o.result, o.ok])).toEqual([
      ["ROGUE", "would-sign-out", true],
      ["STALE", "already-gone", true],
    ]);
    expect(deletes(server.log)).toEqual([]);
    expect(present).toEqual(new Set(["ROGUE"]));
  });

  it("the real run deletes what is there; a device gone meanwhile is reported as such, not as signed out", async () => {
    const present = new Set(["ROGUE", "STALE"]);
    server = await startRecordedServer([devices(present)]);
    const dry = await signOutDevices({ devices: chosen, dryRun: true, homeserver: homeserver(server.baseUrl) });
    expect(dry.map((o) => o.result)).toEqual(["would-sign-out", "would-sign-out"]);
    present.delete("STALE"); // the agent signed itself out between the dry run and the confirmation

    const outcomes = await signOutDevices({ devices: chosen, homeserver: homeserver(server.baseUrl) });
    expect(outcomes.map((o) => [o.deviceId, o.result, o.ok])).toEqual([
      ["ROGUE", "signed-out", true],
      ["STALE", "already-gone", true],
    ]);
    expect(deletes(server.log)).toEqual(["DELETE /_synapse/admin/v2/users/@bot:hs/devices/ROGUE"]);
    expect(present.size).toBe(0);
  });

  it("a failed delete is that device's outcome only, sent once; the rest go ahead", async () => {
    const present = new Set(["ROGUE", "STALE"]);
    server = await startRecordedServer([
      devices(present, (method, id) => (method === "DELETE" && id === "ROGUE" ? proxyBadGateway : undefined)),
    ]);
    const outcomes = await signOutDevices({ devices: chosen, homeserver: homeserver(server.baseUrl) });
    expect(outcomes[0]).toMatchObject({
      deviceId: "ROGUE",
      result: "failed",
      ok: false,
      message: expect.stringMatching(/HTTP 502 after 1 attempt/),
    });
    expect(outcomes[1]).toMatchObject({ deviceId: "STALE", result: "signed-out", ok: true });
    expect(deletes(server.log)).toHaveLength(2);
  });

  it("a dead token stops the whole run instead of failing device by device", async () => {
    server = await startRecordedServer([devices(new Set(["ROGUE", "STALE"]), () => unknownToken)]);
    const e = await signOutDevices({ devices: chosen, homeserver: homeserver(server.baseUrl) }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SignOutDevicesError);
    expect((e as Error).message).toMatch(/access token was rejected \(M_UNKNOWN_TOKEN\)/);
    expect(server.log).toHaveLength(1);
  });

  it("refuses without a server-admin token and sends nothing", async () => {
    server = await startRecordedServer([devices(new Set(["ROGUE"]))]);
    await expect(signOutDevices({ devices: chosen, homeserver: homeserver(server.baseUrl, false) })).rejects.toThrow(
      /needs a server-admin token/,
    );
    expect(server.log).toEqual([]);
  });
});
