import { afterEach, describe, expect, it } from "vitest";
import { closedPort } from "../../test/support/closed-port";
import { on, startRecordedServer, type RecordedServer, type Route } from "../../test/support/recorded-server";
import { loginForToken, testHomeserver } from "./test-homeserver";

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const USER = "@auditor:hs";
const versions = on("GET", "/_matrix/client/versions", () => ({ json: { versions: ["v1.10", "v1.11", 3], unstable_features: {} } }));
const whoami = on("GET", "/_matrix/client/v3/account/whoami", () => ({ json: { user_id: USER, device_id: "D" } }));
const steps = (r: Awaited<ReturnType<typeof testHomeserver>>) => r.steps.map((s) => `${s.step}:${s.ok}`);

describe("testHomeserver through the one homeserver client", () => {
  it("nothing listening: unreachable, and no later step is claimed", async () => {
    const report = await testHomeserver(`http://127.0.0.1:${await closedPort()}`, "t");
    expect(steps(report)).toEqual(["reachable:false"]);
    expect(report.steps[0]?.detail).toMatch(/Nothing is listening .* \(connection refused\)/);
  });

  it("an answer that is not a versions list: reachable, but not a Matrix client URL; asked once", async () => {
    server = await startRecordedServer([on("GET", "/_matrix/client/versions", () => ({ status: 502, raw: "<html>bad gateway</html>" }))]);
    const report = await testHomeserver(server.baseUrl, "t");
    expect(steps(report)).toEqual(["reachable:true", "versions:false"]);
    expect(report.steps[1]?.detail).toMatch(/did not return a Matrix versions list \(HTTP 502\)/);
    expect(server.log).toHaveLength(1);
  });

  it("a dead token is named as such", async () => {
    const deadToken = { status: 401, json: { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed." } };
    const dead: Route = on("GET", "/_matrix/client/v3/account/whoami", () => deadToken);
    server = await startRecordedServer([versions, dead]);
    const report = await testHomeserver(server.baseUrl, "syt_dead");
    expect(steps(report)).toEqual(["reachable:true", "versions:true", "token:false"]);
    expect(report.steps[2]?.detail).toMatch(/rejected the token \(M_UNKNOWN_TOKEN\)\. Paste a new token/);
    expect(report.versions).toEqual(["v1.10", "v1.11"]);
  });

  it("a valid token without admin rights: ok, with the partial view said", async () => {
    const notAdmin = { status: 403, json: { errcode: "M_FORBIDDEN", error: "You are not a server admin" } };
    const forbidden = on("GET", `/_synapse/admin/v1/users/${USER}/admin`, () => notAdmin);
    server = await startRecordedServer([versions, whoami, forbidden]);
    const report = await testHomeserver(server.baseUrl, "t");
    expect(report).toMatchObject({ ok: true, userId: USER, admin: false });
    expect(report.steps[3]?.detail).toMatch(/not a server admin .* a partial view/);
  });

  it("a server admin, with Synapse's version", async () => {
    server = await startRecordedServer([
      versions,
      whoami,
      on("GET", `/_synapse/admin/v1/users/${USER}/admin`, () => ({ json: { admin: true } })),
      on("GET", "/_synapse/admin/v1/server_version", () => ({ json: { server_version: "1.163.2" } })),
    ]);
    const report = await testHomeserver(server.baseUrl, "t");
    expect(report).toMatchObject({ ok: true, admin: true, serverVersion: "1.163.2" });
  });
});

describe("loginForToken", () => {
  it("returns the token, and says a wrong password in words; a login is sent once", async () => {
    server = await startRecordedServer([
      on("POST", "/_matrix/client/v3/login", (_q, body) =>
        (body as { password?: string }).password === "right"
          ? { json: { access_token: "syt_new", device_id: "V", user_id: USER } }
          : { status: 403, json: { errcode: "M_FORBIDDEN", error: "Invalid username or password" } },
      ),
    ]);
    await expect(loginForToken(server.baseUrl, "auditor", "right")).resolves.toBe("syt_new");
    await expect(loginForToken(server.baseUrl, "auditor", "wrong")).rejects.toThrow(
      "The homeserver rejected the user name or password for auditor.",
    );
    expect(server.log).toEqual(["POST /_matrix/client/v3/login", "POST /_matrix/client/v3/login"]);
  });
});
