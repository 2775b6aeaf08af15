import { describe, expect, it } from "vitest";
import { parseRegistryYaml } from "./load";

const agent = (probes: string) => `agents:\n  - name: a\n    endpoint: 127.0.0.1:9000\n    probes:\n${probes}`;

describe("registry probes declaration", () => {
  it("reads a message probe with a capability, and an agent card, with their defaults", () => {
    const r = parseRegistryYaml(
      "r.yaml",
      agent(
        "      messages:\n        format: hmac-headers\n        canary: { path: /canary }\n        freshnessSeconds: 30\n" +
          "        senderId: vigil-prober\n        credential: prober-hmac\n" +
          "        capability: { token: cap, scopes: [read:canary], outOfScope: { path: /reports/dry-run, scope: write:reports } }\n" +
          '      agentCard:\n        keys: [{ kid: k1, publicKeyPem: "-----BEGIN PUBLIC KEY-----\\nMCow\\n-----END PUBLIC KEY-----" }]\n',
      ),
    );
    const probes = r.agents[0]?.probes;
    expect(probes?.scheduled).toBe(false);
    expect(probes?.messages).toMatchObject({ canary: { method: "POST", path: "/canary" }, futureSkewSeconds: 2 });
    expect(probes?.messages?.capability).toMatchObject({ header: "X-Capability-Token", outOfScope: { method: "POST" } });
    expect(probes?.agentCard?.maxBytes).toBe(65_536);
  });

  it("an agent without probes declares none", () => {
    expect(parseRegistryYaml("r.yaml", "agents:\n  - name: a\n").agents[0]?.probes).toBeUndefined();
  });

  it("refuses an unknown format, a path with a space, an out-of-scope scope the token has, an inline secret", () => {
    const base = "        canary: { path: /c }\n        freshnessSeconds: 30\n        senderId: v\n        credential: c\n";
    expect(() => parseRegistryYaml("r.yaml", agent(`      messages:\n        format: jwt\n${base}`))).toThrow(/format/);
    expect(() =>
      parseRegistryYaml(
        "r.yaml",
        agent(
          "      messages:\n        format: hmac-headers\n        canary: { path: /a b }\n        freshnessSeconds: 30\n" +
            "        senderId: v\n        credential: c\n",
        ),
      ),
    ).toThrow(/path starting with \//);
    expect(() =>
      parseRegistryYaml(
        "r.yaml",
        agent(
          `      messages:\n        format: hmac-headers\n${base}` +
            "        capability: { token: t, scopes: [w], outOfScope: { path: /x, scope: w } }\n",
        ),
      ),
    ).toThrow(/must not be one of/);
    expect(() =>
      parseRegistryYaml("r.yaml", agent(`      messages:\n        format: hmac-headers\n${base}        secret: hunter2\n`)),
    ).toThrow(/secret/);
  });
});
