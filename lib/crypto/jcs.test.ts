import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { jcs, JcsError } from "./jcs";

describe("jcs (RFC 8785)", () => {
  it("sorts keys by UTF-16 code units: RFC 8785 §3.2.3's own example", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Read the order off the text: JS objects list integer-like keys ("1") first whatever the source order.
    const order = [...jcs(input).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => m[1]);
    expect(order).toEqual(["\\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
  });

  it("differs from Matrix canonical JSON where the RFC says: astral keys before U+FB33, floats serialised", () => {
    const obj = { "\ufb33": 1, "\ud83d\ude00": 2 };
    expect(jcs(obj)).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
    expect(canonicalJson(obj)).toBe('{"\ufb33":1,"\ud83d\ude00":2}');
    expect(() => canonicalJson({ n: 1.5 })).toThrow();
    expect(jcs({ n: 1.5 })).toBe('{"n":1.5}');
  });

  it("numbers as ECMAScript prints them (RFC 8785 appendix B samples)", () => {
    expect(jcs([1e21, 1e-7, -0, 333333333.3333333, 4.5, 2e-3, 0.000001, 9007199254740993])).toBe(
      "[1e+21,1e-7,0,333333333.3333333,4.5,0.002,0.000001,9007199254740992]",
    );
  });

  it("escapes controls and quotes as §3.2.2.2 shows, keeps other characters literal", () => {
    expect(jcs({ s: '\u000f\n"\\/€' })).toBe('{"s":"\\u000f\\n\\"\\\\/€"}');
  });

  it("refuses what is not I-JSON: lone surrogates, NaN, Infinity, undefined", () => {
    expect(() => jcs({ s: "\ud800" })).toThrow(JcsError);
    expect(() => jcs({ ["\udc00"]: 1 })).toThrow(/lone surrogate/);
    expect(() => jcs([Number.NaN])).toThrow(JcsError);
    expect(() => jcs({ x: Infinity })).toThrow(JcsError);
    expect(() => jcs({ x: undefined })).toThrow(/undefined/);
  });
});
