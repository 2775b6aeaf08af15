import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BotConfigError, readBotConfig, readBotConfigs } from "./read-bot-config";

const TOKEN = "syt_Ym90LWUyZWU_secretsecretsecret_1a2b3c";
const PASSWORD = "hunter2-very-long-bot-password";
const dir = mkdtempSync(path.join(os.tmpdir(), "bot-config-"));
let n = 0;
const file = (text: string) => {
  const f = path.join(dir, `config-${n++}.yaml`);
  writeFileSync(f, text);
  return f;
};

const BOT = `
user:
  credentials:
    id: "@bot:example.org"
    homeserver: https://matrix.example.org
    access_token: ${TOKEN}
    password: ${PASSWORD}
    device_id: BOTDEVICE
encryption:
  allow: true
  default: true
  require: false
  verification_levels:
    receive: unverified
    send: cross-signed-tofu
  rotation:
    enable_custom: true
    milliseconds: 604800000
    messages: 100
`;

describe("readBotConfig (mautrix's encryption section only; credentials never leave the file)", () => {
  it("reads a bot's top-level encryption section, its user and device, and none of its credentials", () => {
    const f = file(BOT);
    const facts = readBotConfig("bot", f);
    expect(facts).toEqual({
      agent: "bot",
      path: f,
      userId: "@bot:example.org",
      deviceId: "BOTDEVICE",
      section: "encryption",
      encryption: {
        allow: true,
        default: true,
        require: false,
        verificationLevels: { receive: "unverified", send: "cross-signed-tofu" },
        rotation: { enableCustom: true, milliseconds: 604800000, messages: 100 },
      },
    });
    for (const secret of [TOKEN, PASSWORD]) expect(JSON.stringify(facts)).not.toContain(secret);
  });

  it("reads a bridge's bridge.encryption, and a file without any section as 'no section' (mautrix's defaults: off)", () => {
    const bridge = readBotConfig(
      "br",
      file("appservice: { as_token: abcdefghijkl }\nbridge:\n  encryption:\n    allow: true\n    appservice: true\n"),
    );
    expect(bridge).toMatchObject({ section: "bridge.encryption", encryption: { allow: true, appservice: true } });
    const none = readBotConfig("plain", file("user: { credentials: { id: '@plain:example.org' } }\nlogging: { version: 1 }\n"));
    expect(none).toEqual({ agent: "plain", path: expect.any(String), userId: "@plain:example.org" });
    expect(readBotConfig("empty", file("encryption:\n"))).not.toHaveProperty("section");
  });

  it("names the file and key of a wrong type, quoting no credential", () => {
    const f = file(`user: { credentials: { access_token: ${TOKEN} } }\nencryption:\n  allow: "${TOKEN}"\n`);
    const read = () => readBotConfig("bot", f);
    expect(read).toThrow(BotConfigError);
    expect(read).toThrow(new RegExp(`${f}.*encryption\\.allow`));
    expect(read).not.toThrow(new RegExp(TOKEN));
  });

  it("turns broken YAML, a missing file and an oversized file into BotConfigErrors naming the file", () => {
    const broken = file(`user:\n  credentials: { password: "${PASSWORD}\n  : : [`);
    expect(() => readBotConfig("bot", broken)).toThrow(BotConfigError);
    expect(() => readBotConfig("bot", broken)).not.toThrow(new RegExp(PASSWORD));
    expect(() => readBotConfig("bot", path.join(dir, "absent.yaml"))).toThrow(/absent\.yaml: ENOENT/);
    const huge = file(`# ${"x".repeat(1024 * 1024)}\n`);
    expect(() => readBotConfig("bot", huge)).toThrow(/larger than a bot config/);
  });

  it("keeps every bot: a bad file becomes facts with the error, and an error line, never a throw", () => {
    const good = file(BOT);
    const { facts, errors } = readBotConfigs([
      { agent: "good", file: good },
      { agent: "gone", file: path.join(dir, "gone.yaml") },
    ]);
    expect(facts.map((f) => [f.agent, f.error === undefined])).toEqual([
      ["good", true],
      ["gone", false],
    ]);
    expect(errors).toEqual([expect.stringMatching(/gone\.yaml: ENOENT/)]);
  });
});
