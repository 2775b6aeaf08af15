import { describe, expect, it } from "vitest";
import { parseRegistryYaml } from "./load";
import { probeChanges } from "./probe-changes";

const PEM = '"-----BEGIN PUBLIC KEY-----\\nMCow\\n-----END PUBLIC KEY-----"';
const card = (kid: string) => `    probes:\n      agentCard:\n        keys: [{ kid: ${kid}, publicKeyPem: ${PEM} }]\n`;
const reg = (text: string) => parseRegistryYaml("r.yaml", `agents:\n${text}`);

describe("probeChanges", () => {
  it("names agents opted in, opted out and re-declared; ignores agents without probes", () => {
    const before = reg(`  - name: a\n${card("k1")}  - name: b\n${card("k1")}  - name: c\n${card("k1")}  - name: plain\n`);
    const after = reg(`  - name: b\n${card("k2")}  - name: c\n${card("k1")}  - name: d\n${card("k1")}  - name: plain\n`);
    expect(probeChanges(before, after)).toEqual({ enabled: ["d"], disabled: ["a"], changed: ["b"] });
  });

  it("a first registry enables every declared agent; no probes at all changes nothing", () => {
    expect(probeChanges(undefined, reg(`  - name: a\n${card("k1")}`))).toEqual({ enabled: ["a"], disabled: [], changed: [] });
    expect(probeChanges(reg("  - name: a\n"), reg("  - name: a\n    owner: x\n"))).toEqual({ enabled: [], disabled: [], changed: [] });
  });
});
