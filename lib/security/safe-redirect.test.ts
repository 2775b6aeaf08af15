import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect";

describe("safeNextPath", () => {
  it("keeps a path on this origin, query and fragment included", () => {
    expect(safeNextPath("/rooms?sort=name#top")).toBe("/rooms?sort=name#top");
    expect(safeNextPath("/findings/abc")).toBe("/findings/abc");
  });

  it.each([
    ["a backslash the browser reads as a slash", "/\\evil.example/phish"],
    ["a tab the browser strips", "/\t/evil.example/phish"],
    ["a newline", "/\n/evil.example"],
    ["a protocol-relative URL", "//evil.example/phish"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "rooms"],
    ["nothing", ""],
    ["a path that normalises to //", "/.//evil.example"],
  ])("sends %s home", (_what, raw) => {
    expect(safeNextPath(raw)).toBe("/");
  });

  it("sends home a decoded form of the reported attack (/%5Cevil.example arrives as /\\evil.example)", () => {
    expect(safeNextPath(decodeURIComponent("/%5Cevil.example/phish"))).toBe("/");
    expect(safeNextPath(decodeURIComponent("/%09/evil.example/phish"))).toBe("/");
  });
});
