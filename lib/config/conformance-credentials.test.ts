import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfigFile } from "./resolve-config-file";

function configDir(yaml: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-cred-"));
  writeFileSync(path.join(dir, "vigil.config.yaml"), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, "vigil.config.yaml");
}

describe("conformance credentials in vigil.config.yaml", () => {
  it("reads each credential from its file, relative to the config, trimming a secret's trailing newline", () => {
    const file = configDir(
      "conformance:\n  credentials:\n    h: { hmacSecretFile: h.txt }\n    k: { ed25519KeyFile: k.pem }\n    t: { tokenFile: t.txt }\n",
      { "h.txt": "s3cret\n", "k.pem": "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n", "t.txt": "tok\n" },
    );
    const cfg = resolveConfigFile(file);
    expect(cfg?.conformanceCredentials).toEqual({
      h: { kind: "hmac-secret", value: "s3cret" },
      k: { kind: "ed25519-key", value: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n" },
      t: { kind: "token", value: "tok" },
    });
    expect(cfg?.inputs).toContain(path.join(path.dirname(file), "h.txt"));
  });

  it("no section: no credentials; a missing file or two kinds in one entry: an error naming the key", () => {
    expect(resolveConfigFile(configDir("policy: p.yaml\n", {}))?.conformanceCredentials).toEqual({});
    expect(() => resolveConfigFile(configDir("conformance:\n  credentials:\n    h: { hmacSecretFile: nope }\n", {}))).toThrow(
      /conformance\.credentials\.h/,
    );
    expect(() => resolveConfigFile(configDir("conformance:\n  credentials:\n    h: { hmacSecretFile: a, tokenFile: b }\n", {}))).toThrow(
      /conformance/,
    );
  });
});
