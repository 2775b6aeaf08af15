import { describe, expect, it } from "vitest";
import { botContext, botFacts } from "./__fixtures__/bots";
import { context } from "./__fixtures__/context";
import { hsBotEncryptionConfig } from "./hs-bot-encryption-config";

const run = (ctx: Parameters<typeof hsBotEncryptionConfig.run>[0]) => hsBotEncryptionConfig.run(ctx);

describe("HS-BOT-ENCRYPTION-CONFIG (allow, default, require in the bot's encryption section)", () => {
  it("passes a bot with all three true, on the agent", () => {
    expect(run(botContext())).toMatchObject([{ status: "pass", subject: { type: "agent", id: "bot" } }]);
  });

  it("fails each setting false or left out (mautrix's default: false), naming them", () => {
    const requireOff = botFacts({ encryption: { allow: true, default: true, require: false } });
    expect(run(botContext(requireOff))).toMatchObject([{ status: "fail", detail: "encryption.require is false" }]);
    const unset = botFacts({ encryption: { allow: true } });
    expect(run(botContext(unset))[0]?.detail).toBe(
      "encryption.default is not set (mautrix's default: false); encryption.require is not set (mautrix's default: false)",
    );
  });

  it("fails a config with no encryption section (mautrix runs unencrypted), and follows the policy's list", () => {
    const none = botFacts({ section: undefined, encryption: undefined });
    expect(run(botContext(none))).toMatchObject([{ status: "fail", detail: expect.stringContaining("no encryption section") }]);
    const ctx = botContext(botFacts({ encryption: { allow: true, default: true, require: false } }));
    ctx.policy.homeserver.botEncryption = ["allow", "default"];
    expect(run(ctx)[0]?.status).toBe("pass");
  });

  it("judges a scan that did not probe the homeserver's posture: the config is read with every scan", () => {
    const noPosture = botContext();
    delete noPosture.snapshot.homeserver;
    expect(run(noPosture)).toMatchObject([{ status: "pass" }]);
    const lax = botContext(botFacts({ encryption: { allow: true, default: true, require: false } }));
    delete lax.snapshot.homeserver;
    expect(run(lax)).toMatchObject([{ status: "fail", detail: "encryption.require is false" }]);
  });

  it("is unknown when the config could not be read or was not read, and judges nobody without a botConfig", () => {
    const broken = botFacts({ error: "/etc/bots/bot/config.yaml: ENOENT", encryption: undefined });
    expect(run(botContext(broken))).toMatchObject([{ status: "unknown", detail: expect.stringContaining("ENOENT") }]);
    expect(run(botContext(null))).toMatchObject([{ status: "unknown", detail: expect.stringContaining("not read in this scan") }]);
    const noneRead = botContext();
    delete noneRead.snapshot.bots;
    expect(run(noneRead)).toMatchObject([{ status: "unknown", detail: expect.stringContaining("holds no bot configs") }]);
    expect(run(context(undefined))).toEqual([]);
  });
});
