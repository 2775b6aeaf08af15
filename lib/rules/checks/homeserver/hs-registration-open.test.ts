import { describe, expect, it } from "vitest";
import { hsRegistrationOpen } from "./hs-registration-open";
import { answer, context, homeserver } from "./__fixtures__/context";

const REGISTER = "/_matrix/client/v3/register";
const flows = (...f: string[][]) => ({ registration: { ...answer(REGISTER, 401), flows: f } });

describe("HS-REGISTRATION-OPEN (the flows /register offers with no auth)", () => {
  it("fails a flow without a registration token, under the default policy (token)", () => {
    const rs = hsRegistrationOpen.run(context(homeserver({}, flows(["m.login.dummy"]))));
    expect(rs).toMatchObject([{ status: "fail", detail: expect.stringContaining("m.login.dummy"), evidence: { observed: "open" } }]);
    const mixed = hsRegistrationOpen.run(context(homeserver({}, flows(["m.login.registration_token"], ["m.login.email.identity"]))));
    expect(mixed[0]?.status).toBe("fail");
  });

  it("passes disabled (403) and token-only registration; a policy of 'disabled' fails token-only", () => {
    expect(hsRegistrationOpen.run(context(homeserver()))[0]?.status).toBe("pass");
    const token = context(homeserver({}, flows(["m.login.registration_token", "m.login.dummy"])));
    expect(hsRegistrationOpen.run(token)[0]?.status).toBe("pass");
    token.policy.homeserver.registration = "disabled";
    expect(hsRegistrationOpen.run(token)[0]?.status).toBe("fail");
  });

  it("is unknown when the answer says nothing about registration (a 404 page, a 401 without flows)", () => {
    expect(hsRegistrationOpen.run(context(homeserver({}, { registration: answer(REGISTER, 404, { json: false }) })))[0]?.status).toBe(
      "unknown",
    );
    expect(hsRegistrationOpen.run(context(homeserver({}, { registration: answer(REGISTER, 401) })))[0]?.status).toBe("unknown");
  });
});
