import { describe, expect, it } from "vitest";
import { hsGuestRegistration } from "./hs-guest-registration";
import { answer, context, homeserver, silent } from "./__fixtures__/context";

const GUEST = "/_matrix/client/v3/register?kind=guest";

describe("HS-GUEST-REGISTRATION (a guest registered, or refused)", () => {
  const created = { guestRegistration: { ...answer(GUEST, 200), guestUserId: "@12:example.org", guestDeactivated: true } };

  it("fails a created guest account unless the policy allows guests", () => {
    const ctx = context(homeserver({}, created));
    expect(hsGuestRegistration.run(ctx)).toMatchObject([
      { status: "fail", evidence: { guestUserId: "@12:example.org", guestDeactivated: true } },
    ]);
    ctx.policy.homeserver.allowGuestRegistration = true;
    expect(hsGuestRegistration.run(ctx)[0]?.status).toBe("pass");
  });

  it("passes a 403 and is unknown for anything else", () => {
    expect(hsGuestRegistration.run(context(homeserver()))[0]?.status).toBe("pass");
    expect(hsGuestRegistration.run(context(homeserver({}, { guestRegistration: silent(GUEST, "ECONNRESET") })))[0]?.status).toBe("unknown");
    expect(hsGuestRegistration.run(context(homeserver({}, { guestRegistration: answer(GUEST, 200) })))[0]?.status).toBe("unknown");
  });
});
