import { describe, expect, it } from "vitest";
import { parseRegistryYaml } from "./load";

const agent = (botConfig: string) => `agents:\n  - name: bot\n    matrixUserId: "@bot:example.org"\n    botConfig: ${botConfig}\n`;

describe("registry botConfig (the path of an agent's mautrix config.yaml)", () => {
  it("keeps an absolute path", () => {
    expect(parseRegistryYaml("agents.yaml", agent("/etc/bots/bot/config.yaml")).agents[0]?.botConfig).toBe("/etc/bots/bot/config.yaml");
  });

  it("refuses a relative path, naming the line and key: a registry edited in Settings has no directory to resolve it from", () => {
    expect(() => parseRegistryYaml("agents.yaml", agent("bots/config.yaml"))).toThrow(
      /agents\.yaml:4: agents\.0\.botConfig: must be an absolute path/,
    );
  });
});
