import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { open, seal, SecretBoxError } from "./box";
import { readOrCreateKeyFile } from "./key-file";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips and never contains the plaintext", () => {
    const sealed = seal(key, "homeserver.token", "syt_secret_token");
    expect(sealed).not.toContain("syt_secret_token");
    expect(Buffer.from(sealed.slice(3), "base64").toString("latin1")).not.toContain("syt_secret");
    expect(open(key, "homeserver.token", sealed)).toBe("syt_secret_token");
  });

  it("refuses a ciphertext moved to another name", () => {
    const sealed = seal(key, "a", "x");
    expect(() => open(key, "b", sealed)).toThrow(SecretBoxError);
  });

  it("refuses a wrong key with a message naming the key", () => {
    const sealed = seal(key, "a", "x");
    expect(() => open(randomBytes(32), "a", sealed)).toThrow(/VIGIL_SECRET_KEY/);
  });

  it("refuses a flipped byte", () => {
    const sealed = seal(key, "a", "hello");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => open(key, "a", "v1." + raw.toString("base64"))).toThrow(SecretBoxError);
  });
});

describe("key file", () => {
  it("is created once with mode 0600 and read back the same", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "vigil-key-")), "sub", "secret.key");
    const a = readOrCreateKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(file).equals(a)).toBe(true);
  });

  it("is refused when others can read it", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "vigil-key-")), "secret.key");
    readOrCreateKeyFile(file);
    chmodSync(file, 0o644);
    expect(() => readOrCreateKeyFile(file)).toThrow(/chmod 600/);
  });
});
