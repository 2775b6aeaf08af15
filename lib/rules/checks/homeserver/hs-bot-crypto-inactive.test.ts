import { describe, expect, it } from "vitest";
import { BOT_DEVICE, botContext, botDevice, botFacts, botUser } from "./__fixtures__/bots";
import { hsBotCryptoInactive } from "./hs-bot-crypto-inactive";

const run = (ctx: Parameters<typeof hsBotCryptoInactive.run>[0]) => hsBotCryptoInactive.run(ctx);

describe("HS-BOT-CRYPTO-INACTIVE (declared encryption vs the bot's device on the homeserver)", () => {
  it("passes a cross-signed device with keys, as declared", () => {
    expect(run(botContext())).toMatchObject([
      { status: "pass", evidence: { devices: [{ deviceId: BOT_DEVICE, trust: "verified-by-owner" }] } },
    ]);
  });

  it("fails a device without keys (the missing mautrix[encryption] case), naming the likely cause", () => {
    const [r] = run(botContext(botFacts(), [botDevice("no-keys")], [botUser("absent")]));
    expect(r?.status).toBe("fail");
    expect(r?.detail).toContain(`device ${BOT_DEVICE} has no E2EE device keys`);
    expect(r?.detail).toContain("has published no cross-signing keys");
    expect(r?.detail).toContain("mautrix[encryption]");
  });

  it("judges the device against the inventory in a scan without posture probes: they are not what it compares", () => {
    const healthy = botContext();
    const noKeys = botContext(botFacts(), [botDevice("no-keys")], [botUser("absent")]);
    for (const ctx of [healthy, noKeys]) delete ctx.snapshot.homeserver;
    expect(run(healthy)[0]?.status).toBe("pass");
    expect(run(noKeys)[0]?.status).toBe("fail");
  });

  it("fails an unsigned or badly signed device, and a declared device that does not exist", () => {
    expect(run(botContext(botFacts(), [botDevice("unsigned")]))[0]?.detail).toContain("is not cross-signed");
    expect(run(botContext(botFacts(), [botDevice("bad-signature")]))[0]?.status).toBe("fail");
    expect(run(botContext(botFacts(), [botDevice("verified-by-owner", "OTHER")]))[0]?.detail).toContain("does not exist on the homeserver");
  });

  it("passes encryption off in the config (declared and observed agree; the setting is another check's)", () => {
    expect(run(botContext(botFacts({ encryption: { allow: false } }), [botDevice("no-keys")]))[0]?.status).toBe("pass");
  });

  it("is unknown in the member view for a device it cannot see, without the Matrix inventory, and on a user mismatch", () => {
    const member = botContext(botFacts(), []);
    if (member.snapshot.matrix) member.snapshot.matrix.view = "member";
    expect(run(member)[0]).toMatchObject({ status: "unknown", detail: expect.stringContaining("not a server admin") });
    const noMatrix = botContext();
    delete noMatrix.snapshot.matrix;
    expect(run(noMatrix)[0]?.status).toBe("unknown");
    expect(run(botContext(botFacts({ userId: "@other:example.org" })))[0]?.detail).toContain("registry declares");
    expect(run(botContext(botFacts(), [botDevice()], []))[0]?.status).toBe("unknown");
  });
});
