import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { on, startRecordedServer, type RecordedServer, type Reply, type Route } from "../../test/support/recorded-server";
import { createHomeserverClient } from "../homeserver/client";
import {
  adminRoomDetails,
  AUDITOR,
  makeRoomAdminRefused,
  notInRoom,
  powerLevels,
  proxyBadGateway,
  ROOM,
} from "./__fixtures__/synapse-answers";
import { EnableEncryptionError, enableRoomEncryption, MEGOLM } from "./enable-room-encryption";
import type { Homeserver } from "./homeserver";

const TOKEN = "syt_YXVkaXRvcg_remediationtoken_0aB1c2";
let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADMIN_ROOM = `/_synapse/admin/v1/rooms/${ROOM}`;
const POWER = `/_matrix/client/v3/rooms/${ROOM}/state/m.room.power_levels/`;
const MAKE_ADMIN = `/_synapse/admin/v1/rooms/${ROOM}/make_room_admin`;
const JOIN = `/_matrix/client/v3/rooms/${ROOM}/join`;
const ENCRYPT = `/_matrix/client/v3/rooms/${ROOM}/state/m.room.encryption/`;

/** A server admin without power in a plaintext room: the path that needs make_room_admin. Overrides come first. */
function world(overrides: Route[] = []): { routes: Route[]; sent: unknown[] } {
  let joined = false;
  const sent: unknown[] = [];
  const routes: Route[] = [
    ...overrides,
    on("GET", ADMIN_ROOM, () => ({ json: adminRoomDetails(null) })),
    on("GET", POWER, () => (joined ? { json: powerLevels(100) } : notInRoom)),
    on("POST", MAKE_ADMIN, () => ({ json: {} })),
    on("POST", JOIN, () => ((joined = true), { json: { room_id: ROOM } })),
    on("PUT", ENCRYPT, (_q, body) => (sent.push(body), { json: { event_id: "$encryption-event" } })),
  ];
  return { routes, sent };
}

const homeserver = (baseUrl: string, admin = true): Homeserver => ({
  auditorUserId: AUDITOR,
  admin,
  client: createHomeserverClient({ baseUrl, accessToken: TOKEN, backoffMs: 1 }),
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("enableRoomEncryption on recorded Synapse answers", () => {
  it("makes the auditor room admin, joins, and sends m.room.encryption once", async () => {
    const { routes, sent } = world();
    server = await startRecordedServer(routes);
    await expect(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) })).resolves.toEqual({
      eventId: "$encryption-event",
      madeAuditorAdmin: true,
    });
    expect(server.log).toEqual([`GET ${ADMIN_ROOM}`, `GET ${POWER}`, `POST ${MAKE_ADMIN}`, `POST ${JOIN}`, `PUT ${ENCRYPT}`]);
    expect(sent).toEqual([{ algorithm: MEGOLM }]);
  });

  it("sends nothing when the room is already encrypted", async () => {
    server = await startRecordedServer(world([on("GET", ADMIN_ROOM, () => ({ json: adminRoomDetails(MEGOLM) }))]).routes);
    const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) }));
    expect(e).toMatchObject({ reason: "already-encrypted" });
    expect(server.log).toEqual([`GET ${ADMIN_ROOM}`]);
  });

  it("reports Synapse's make_room_admin refusal in its own words and does not try to encrypt", async () => {
    server = await startRecordedServer(world([on("POST", MAKE_ADMIN, () => makeRoomAdminRefused)]).routes);
    const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) }));
    expect(e).toBeInstanceOf(EnableEncryptionError);
    const inSynapsesWords = /could not make the auditor a room admin: .*No local admin user in room/;
    expect(e).toMatchObject({ reason: "homeserver", message: expect.stringMatching(inSynapsesWords) });
    expect(server.log.filter((l) => l.startsWith("POST") || l.startsWith("PUT"))).toEqual([`POST ${MAKE_ADMIN}`]);
  });

  it("a non-Matrix 502 on the write is reported without its HTML and is not sent again", async () => {
    server = await startRecordedServer(world([on("PUT", ENCRYPT, () => proxyBadGateway)]).routes);
    const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) }));
    const notEchoed = /HTTP 502 after 1 attempt\(s\): the body is not a Matrix error/;
    expect(e).toMatchObject({ reason: "homeserver", message: expect.stringMatching(notEchoed) });
    expect((e as Error).message).not.toMatch(/nginx|<html/);
    expect(server.log.filter((l) => l === `PUT ${ENCRYPT}`)).toHaveLength(1);
  });

  it("a 502 on a read is retried: asking again changes nothing", async () => {
    let first = true;
    const flaky = on("GET", ADMIN_ROOM, (): Reply | undefined => (first ? ((first = false), proxyBadGateway) : undefined));
    server = await startRecordedServer(world([flaky]).routes);
    await expect(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) })).resolves.toMatchObject({
      madeAuditorAdmin: true,
    });
    expect(server.log.filter((l) => l === `GET ${ADMIN_ROOM}`)).toHaveLength(2);
  });

  it("a 429 on the write is retried: Synapse rate-limits before it acts", async () => {
    let limited = true;
    const tooMany = { status: 429, json: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 5 } };
    const limit = on("PUT", ENCRYPT, (): Reply | undefined => (limited ? ((limited = false), tooMany) : undefined));
    const { routes, sent } = world([limit]);
    server = await startRecordedServer(routes);
    const done = enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) });
    await expect(done).resolves.toMatchObject({ eventId: "$encryption-event" });
    expect(server.log.filter((l) => l === `PUT ${ENCRYPT}`)).toHaveLength(2);
    expect(sent).toHaveLength(1);
  });

  it("never follows a redirect: the token does not reach the other server, and the write is not made", async () => {
    const hits: (string | undefined)[] = [];
    const elsewhere = http.createServer((req, res) => {
      hits.push(req.headers.authorization);
      res.end("{}");
    });
    await new Promise<void>((r) => elsewhere.listen(0, "127.0.0.1", r));
    try {
      const location = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}${ENCRYPT}`;
      server = await startRecordedServer(
        world([on("PUT", ENCRYPT, () => ({ status: 307, raw: "", headers: { Location: location } }))]).routes,
      );
      const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) }));
      expect(e).toMatchObject({
        reason: "homeserver",
        message: expect.stringMatching(/answered with a redirect, which Vigil does not follow/),
      });
      expect(hits).toEqual([]);
    } finally {
      await new Promise((r) => elsewhere.close(r));
    }
  });

  it("without admin rights and without power in the room it says so and changes nothing", async () => {
    server = await startRecordedServer(world().routes);
    const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl, false) }));
    expect(e).toMatchObject({ reason: "no-power", message: expect.stringMatching(/not in this room and is not a server admin/) });
    expect(server.log).toEqual([`GET ${POWER}`]);
  });

  it("a power-levels answer of the wrong shape is refused, not acted on", async () => {
    server = await startRecordedServer(world([on("GET", POWER, () => ({ json: { users: { [AUDITOR]: "lots" } } }))]).routes);
    const e = await failure(enableRoomEncryption({ roomId: ROOM, homeserver: homeserver(server.baseUrl) }));
    expect(e).toMatchObject({ kind: "malformed", message: expect.stringMatching(/unexpected response shape: users\.@auditor:hs/) });
    expect(server.log.some((l) => l.startsWith("PUT") || l.startsWith("POST"))).toBe(false);
  });
});
