import { describe, expect, it } from "vitest";
import { canonicalJson, CanonicalJsonError } from "./canonical-json";

describe("canonicalJson", () => {
  it("matches the Matrix spec examples", () => {
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson({ one: 1, two: "Two" })).toBe('{"one":1,"two":"Two"}');
    expect(canonicalJson({ b: "2", a: "1" })).toBe('{"a":"1","b":"2"}');
    expect(
      canonicalJson({
        auth: {
          success: true,
          mxid: "@john.doe:example.com",
          profile: {
            display_name: "John Doe",
            three_pids: [
              { medium: "email", address: "john.doe@example.org" },
              { medium: "msisdn", address: "123456789" },
            ],
          },
        },
      }),
    ).toBe(
      '{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}',
    );
    expect(canonicalJson({ a: "日本語" })).toBe('{"a":"日本語"}');
    expect(canonicalJson({ 本: 2, 日: 1 })).toBe('{"日":1,"本":2}');
    expect(canonicalJson({ a: "\u65E5" })).toBe('{"a":"日"}');
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  it("escapes control characters like Synapse does", () => {
    expect(canonicalJson({ a: '\n\t"\\\u0001' })).toBe('{"a":"\\n\\t\\"\\\\\\u0001"}');
  });

  it("sorts keys by code point, not UTF-16 unit", () => {
    // U+1F600 (astral, surrogate 0xD83D) sorts after U+FB01 by code point but before it by UTF-16 unit.
    expect(canonicalJson({ "\u{1F600}": 1, "\uFB01": 2 })).toBe('{"\uFB01":2,"\u{1F600}":1}');
  });

  it("rejects what canonical JSON cannot carry", () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: 2 ** 53 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: undefined })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(() => 1)).toThrow(CanonicalJsonError);
  });
});
