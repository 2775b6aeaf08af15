import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfigFile } from "./resolve-config-file";

/** A config directory with the given files written, and the config file's path. */
function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-resolve-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return path.join(dir, "vigil.config.yaml");
}

const mesh = "mesh:\n  caFile: pem/ca.pem\n  clientCertFile: pem/auditor.pem\n  clientKeyFile: pem/auditor-key.pem\n";
const pems = { "pem/ca.pem": "CA\n", "pem/auditor.pem": "CERT\n", "pem/auditor-key.pem": "KEY\n" };

describe("resolveConfigFile", () => {
  it("a missing config file is undefined", () => {
    expect(resolveConfigFile(path.join(os.tmpdir(), "vigil-no-such-dir", "vigil.config.yaml"))).toBeUndefined();
  });

  it("reads PEM and token files relative to the config file and makes every other path absolute", () => {
    const file = configDir({
      "vigil.config.yaml":
        `homeserver:\n  baseUrl: https://m.example.org\n  accessTokenFile: token\n${mesh}  certificatePaths: [certs]\n` +
        "registry: [a.yaml, sub/b.yaml]\nagentProfiles: agents\npolicy: policy.yaml\n",
      "token": "  syt_secret\n",
      ...pems,
    });
    const dir = path.dirname(file);
    const cfg = resolveConfigFile(file);
    expect(cfg).toMatchObject({
      file,
      homeserver: { baseUrl: "https://m.example.org", accessToken: "syt_secret" },
      mesh: { caPem: "CA\n", clientCertPem: "CERT\n", clientKeyPem: "KEY\n", endpoints: [], certificatePaths: [path.join(dir, "certs")] },
      registryFiles: [path.join(dir, "a.yaml"), path.join(dir, "sub/b.yaml")],
      agentProfilePaths: [path.join(dir, "agents")],
      policyFile: path.join(dir, "policy.yaml"),
    });
    const read = ["token", "pem/ca.pem", "pem/auditor.pem", "pem/auditor-key.pem"].map((f) => path.join(dir, f));
    expect(cfg?.inputs.sort()).toEqual([file, ...read].sort());
  });

  it("the token: in the file first, then the token file, then the fallback; none at all is left to the caller", () => {
    const inline = configDir({ "vigil.config.yaml": "homeserver:\n  baseUrl: https://m.example.org\n  accessToken: syt_inline\n" });
    expect(resolveConfigFile(inline, "syt_env")?.homeserver?.accessToken).toBe("syt_inline");
    const bare = configDir({ "vigil.config.yaml": "homeserver:\n  baseUrl: https://m.example.org\n" });
    expect(resolveConfigFile(bare, "syt_env")?.homeserver?.accessToken).toBe("syt_env");
    expect(resolveConfigFile(bare)?.homeserver).toEqual({ baseUrl: "https://m.example.org" });
  });

  it("an unreadable or empty token or PEM file is an error naming the config file and the key", () => {
    const missing = configDir({ "vigil.config.yaml": mesh, "pem/ca.pem": "CA\n", "pem/auditor.pem": "CERT\n" });
    expect(() => resolveConfigFile(missing)).toThrow(/^vigil\.config\.yaml: mesh\.clientKeyFile: ENOENT/);
    const empty = configDir({
      "vigil.config.yaml": "homeserver:\n  baseUrl: https://m.example.org\n  accessTokenFile: token\n",
      "token": "\n",
    });
    expect(() => resolveConfigFile(empty)).toThrow(/^vigil\.config\.yaml: homeserver\.accessTokenFile: .*token is empty$/);
  });

  it("a YAML or schema error names file, line and key", () => {
    const bad = configDir({ "vigil.config.yaml": "homeserver:\n  baseUrl: https://m.example.org\n  acessToken: x\n" });
    expect(() => resolveConfigFile(bad)).toThrow("vigil.config.yaml:1: homeserver: unknown key acessToken");
  });

  it("the digest changes when the config or any file read for it changes, and only then", () => {
    const file = configDir({ "vigil.config.yaml": mesh, ...pems });
    const before = resolveConfigFile(file)?.sha256;
    expect(resolveConfigFile(file)?.sha256).toBe(before);
    writeFileSync(path.join(path.dirname(file), "pem/auditor.pem"), "ROTATED\n");
    const rotated = resolveConfigFile(file)?.sha256;
    expect(rotated).not.toBe(before);
    writeFileSync(file, `${mesh}  endpoints:\n    - endpoint: 127.0.0.1:8443\n`);
    expect(resolveConfigFile(file)?.sha256).not.toBe(rotated);
  });
});
