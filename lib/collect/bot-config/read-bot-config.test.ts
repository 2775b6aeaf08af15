import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectBotConfigs } from "./collect-bot-configs";
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

  it("keeps every bot: a bad file becomes facts with the error, and an error line, never a throw", async () => {
    const good = file(BOT);
    const { facts, errors } = await readBotConfigs([
      { agent: "good", file: good },
      { agent: "gone", file: path.join(dir, "gone.yaml") },
      { agent: "broken", file: file(`user: { credentials: { password: "${PASSWORD}\n  : [`) },
      { agent: "huge", file: file(`# ${"x".repeat(1024 * 1024)}\n`) },
      { agent: "folder", file: dir },
    ]);
    expect(facts.map((f) => [f.agent, f.error === undefined])).toEqual([
      ["good", true],
      ["gone", false],
      ["broken", false],
      ["huge", false],
      ["folder", false],
    ]);
    expect(facts[0]).toEqual(readBotConfig("good", good));
    expect(errors).toEqual([
      expect.stringMatching(/gone\.yaml: ENOENT/),
      expect.stringMatching(/config-\d+\.yaml: /),
      expect.stringMatching(/larger than a bot config/),
      `${dir}: not a regular file`,
    ]);
    expect(JSON.stringify({ facts, errors })).not.toContain(PASSWORD);
  });

  it("stops at the scan's limit: an aborted signal rejects with its reason instead of reading on", async () => {
    const limit = new AbortController();
    limit.abort(new Error("the scan's time limit"));
    await expect(readBotConfigs([{ agent: "good", file: file(BOT) }], limit.signal)).rejects.toThrow("the scan's time limit");
  });
});

describe("collectBotConfigs (the registry's declared bots, as a scan records them)", () => {
  const agent = (name: string, botConfig?: string) => ({ name, deviceIds: [], siblings: [], ...(botConfig ? { botConfig } : {}) });

  it("is null when no agent declares a bot config, so the snapshot has no bots at all", async () => {
    expect(await collectBotConfigs({ agents: [agent("plain")] })).toBeNull();
  });

  it("reads each declared file, and makes a bad one an error of the scan naming the agent and the file", async () => {
    const good = file(BOT);
    const gone = path.join(dir, "missing-bot.yaml");
    const got = await collectBotConfigs({ agents: [agent("plain"), agent("good", good), agent("gone", gone)] });
    expect(got?.bots.map((b) => [b.agent, b.path, b.section])).toEqual([
      ["good", good, "encryption"],
      ["gone", gone, undefined],
    ]);
    expect(got?.errors).toEqual([{ source: "homeserver", scope: "bot config of gone", message: `${gone}: ENOENT` }]);
  });
});
