import { describe, expect, it } from "vitest";
import { botContext, botFacts } from "./__fixtures__/bots";
import { hsBotVerificationLevels } from "./hs-bot-verification-levels";

const levels = (verificationLevels: Record<string, string> | undefined) =>
  botContext(
    botFacts({ encryption: { allow: true, default: true, require: true, ...(verificationLevels ? { verificationLevels } : {}) } }),
  );
const run = (ctx: Parameters<typeof hsBotVerificationLevels.run>[0]) => hsBotVerificationLevels.run(ctx);

describe("HS-BOT-VERIFICATION-LEVELS (receive, send, share against the policy's minimum)", () => {
  it("passes levels at or above the minimum, mautrix-go's cross-signed-verified spelling included", () => {
    expect(run(levels({ receive: "cross-signed-tofu", send: "verified", share: "cross-signed-verified" }))[0]?.status).toBe("pass");
  });

  it("fails a weaker level, and levels left out at mautrix's defaults (receive and send unverified)", () => {
    expect(run(levels({ receive: "unverified", send: "cross-signed-tofu", share: "cross-signed-tofu" }))).toMatchObject([
      { status: "fail", detail: "receive: unverified, weaker than cross-signed-tofu" },
    ]);
    expect(run(levels(undefined))[0]?.detail).toBe(
      "receive: unverified (not set: mautrix's default), weaker than cross-signed-tofu; " +
        "send: unverified (not set: mautrix's default), weaker than cross-signed-tofu",
    );
    expect(run(levels({ receive: "cross-signed-untrusted", send: "verified", share: "verified" }))[0]?.status).toBe("fail");
  });

  it("follows the policy: unverified accepted when the policy says so", () => {
    const ctx = levels({ receive: "unverified", send: "unverified", share: "cross-signed-tofu" });
    ctx.policy.homeserver.botVerificationLevels = { receive: "unverified", send: "unverified", share: "cross-signed-tofu" };
    expect(run(ctx)[0]?.status).toBe("pass");
  });

  it("is unknown for a word mautrix does not know, with encryption off, and for an unread config", () => {
    expect(run(levels({ receive: "trusted-ish" }))).toMatchObject([
      { status: "unknown", detail: "Not a level mautrix knows: receive: trusted-ish" },
    ]);
    expect(run(botContext(botFacts({ encryption: { allow: false } })))[0]?.status).toBe("unknown");
    expect(run(botContext(botFacts({ error: "bad yaml" })))[0]?.status).toBe("unknown");
  });
});
