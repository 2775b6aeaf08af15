import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.VIGIL_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-ad-"));
});

describe("deriveStorageKey", () => {
  it("gives the same 32-byte key back to the same user and device, and a different one to anyone else", async () => {
    const { deriveStorageKey } = await import("./storage-key");
    const k = deriveStorageKey("user-1", "@auditor:hs", "DEV1");
    expect(k).toHaveLength(32);
    expect(deriveStorageKey("user-1", "@auditor:hs", "DEV1").equals(k)).toBe(true);
    expect(deriveStorageKey("user-2", "@auditor:hs", "DEV1").equals(k)).toBe(false); // another Vigil user
    expect(deriveStorageKey("user-1", "@auditor:hs", "DEV2").equals(k)).toBe(false); // another device
    // The separator keeps ("a", "b:c") and ("a:b", "c")-style splits apart.
    expect(deriveStorageKey("u", "@a:hs", "D").equals(deriveStorageKey("u\0@a:hs", "", "D"))).toBe(false);
  });
});

describe("homeserver origin for the CSP", () => {
  it("publishes an origin once, reads it back, and says when it changed", async () => {
    const { originOf, publishHomeserverOrigin, publishedHomeserverOrigin } = await import("./homeserver-origin");
    expect(publishedHomeserverOrigin()).toBeNull(); // nothing published: connect-src stays 'self'
    expect(originOf("https://matrix.example.org/some/path")).toBe("https://matrix.example.org");
    expect(originOf("javascript:alert(1)")).toBeNull(); // never into a CSP
    expect(originOf("not a url")).toBeNull();
    expect(publishHomeserverOrigin("http://127.0.0.1:8008")).toBe(true);
    expect(publishHomeserverOrigin("http://127.0.0.1:8008")).toBe(false);
    expect(publishedHomeserverOrigin()).toBe("http://127.0.0.1:8008");
  });
});
