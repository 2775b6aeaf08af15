import { describe, expect, it } from "vitest";
import { REDACTED, redact, unsendableCredential } from "./redact";

const TOKEN = "syt_YWxwaGE_kTqZbWJnUoHvyRmCdXsA_1nQpDx";

describe("redact", () => {
  it("replaces a known secret in its raw, JSON-escaped and percent-encoded forms", () => {
    const secret = "tok\nwith/odd chars";
    const text = `raw ${secret} | json ${JSON.stringify(secret)} | url ${encodeURIComponent(secret)}`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain("tok\\nwith");
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out.split(REDACTED)).toHaveLength(4);
  });

  it("catches secret-shaped strings nobody declared: Bearer values, Synapse tokens, private keys, password fields", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIG\n-----END PRIVATE KEY-----";
    const text = `Headers.append: "Bearer abc.def" is invalid; echo ${TOKEN}; key ${key}; {"password": "hunter2!"} password=letmein`;
    const out = redact(text);
    for (const leaked of ["abc.def", TOKEN, "MC4CAQAwBQYDK2VwBCIEIG", "hunter2!", "letmein"]) expect(out).not.toContain(leaked);
    expect(out).toContain("Bearer [redacted]");
    expect(out).toContain("syt_[redacted]");
  });

  it("leaves ordinary words alone, and ignores 'secrets' too short to be one", () => {
    const text = "GET /_matrix/client/v3/account/whoami: HTTP 500 (M_UNKNOWN): the server is tired";
    expect(redact(text, ["t", "", undefined])).toBe(text);
  });
});

describe("unsendableCredential", () => {
  it("accepts visible ASCII, as real tokens are", () => {
    expect(unsendableCredential(TOKEN)).toBeUndefined();
    expect(unsendableCredential("mat_abc-DEF.~+/=")).toBeUndefined();
  });

  it("says what is wrong and where, without quoting the credential", () => {
    expect(unsendableCredential("syt_ab\ncd")).toBe("it contains a line break at position 7 of 9");
    expect(unsendableCredential("syt_ab€cd")).toBe("it contains a non-ASCII character at position 7 of 9");
    expect(unsendableCredential("syt ab")).toBe("it contains a space or tab at position 4 of 6");
    expect(unsendableCredential("syt\u0000")).toBe("it contains a control character at position 4 of 4");
    expect(unsendableCredential("")).toBe("it is empty");
  });
});
