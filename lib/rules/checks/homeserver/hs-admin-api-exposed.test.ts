import { describe, expect, it } from "vitest";
import { hsAdminApiExposed } from "./hs-admin-api-exposed";
import { answer, context, homeserver, silent } from "./__fixtures__/context";

const ADMIN = "/_synapse/admin/v1/server_version";

describe("HS-ADMIN-API-EXPOSED (admin path compared with the client API on the public URL)", () => {
  it("fails when the admin path answers as Synapse: the version, or a Matrix auth error", () => {
    const version = hsAdminApiExposed.run(context(homeserver({}, { adminApi: { ...answer(ADMIN, 200), serverVersion: "1.163.2" } })));
    expect(version).toMatchObject([{ status: "fail", subject: { type: "homeserver", id: "https://matrix.example.org" } }]);
    const auth = hsAdminApiExposed.run(context(homeserver({}, { adminApi: answer(ADMIN, 401, { errcode: "M_MISSING_TOKEN" }) })));
    expect(auth[0]?.status).toBe("fail");
  });

  it("passes a proxy's refusal (404 page, or 403 that is not a Matrix error) while the client API answers", () => {
    expect(hsAdminApiExposed.run(context(homeserver()))[0]?.status).toBe("pass");
    const forbidden = hsAdminApiExposed.run(context(homeserver({}, { adminApi: answer(ADMIN, 403, { json: false }) })));
    expect(forbidden[0]?.status).toBe("pass");
  });

  it("is unknown when the public URL serves no client API, or the admin path does not answer", () => {
    const noClient = hsAdminApiExposed.run(
      context(homeserver({}, { clientApi: answer("/_matrix/client/versions", 502, { json: false }) })),
    );
    expect(noClient).toMatchObject([{ status: "unknown", detail: expect.stringContaining("does not serve the client API") }]);
    const dead = hsAdminApiExposed.run(context(homeserver({}, { adminApi: silent(ADMIN, "timeout") })));
    expect(dead[0]?.status).toBe("unknown");
  });

  it("examines nothing when the scan collected no homeserver part", () => {
    expect(hsAdminApiExposed.run(context(undefined))).toEqual([]);
  });
});
