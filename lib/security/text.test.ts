import { describe, expect, it } from "vitest";
import { escapeControlCharacters, escapeControlCharactersDeep, hasControlCharacters, singleLine } from "./text";

describe("control characters", () => {
  it("are found: NUL, escape, line breaks, DEL, C1, line separator; ordinary text and emoji are not", () => {
    for (const bad of ["a\u0000b", "\u001b[31m", "two\nlines", "x\u007f", "\u0085", "\u2028"]) expect(hasControlCharacters(bad)).toBe(true);
    for (const good of ["Zoë Ünal", "@bot:example.org|DEVICE", "🔑 key"]) expect(hasControlCharacters(good)).toBe(false);
  });

  it("are escaped visibly for logs, deep inside objects too", () => {
    expect(escapeControlCharacters("dev\u0000ice\n")).toBe("dev\\u0000ice\\u000a");
    const escaped = { "k\\u0000": ["a\\u0000", 3, null, { m: "\\u001b" }] };
    expect(escapeControlCharactersDeep({ "k\u0000": ["a\u0000", 3, null, { m: "\u001b" }] })).toEqual(escaped);
  });

  it("are refused by a single-line form field, which says which field", () => {
    const name = singleLine("a name", 20);
    expect(name.safeParse("  Ada  ").data).toBe("Ada");
    expect(name.safeParse("Ada\u0000").error?.issues[0]?.message).toBe("A name must not contain control characters.");
    expect(name.safeParse("").error?.issues[0]?.message).toBe("Enter a name.");
    expect(name.safeParse("x".repeat(21)).error?.issues[0]?.message).toBe("Keep a name under 20 characters.");
  });
});
