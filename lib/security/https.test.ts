import { describe, expect, it } from "vitest";
import { plainHttpWarning, servedOverHttps } from "./https";

const h = (values: Record<string, string>) => new Headers(values);

describe("servedOverHttps", () => {
  it("follows NEXTAUTH_URL when it is set, whatever the request claims", () => {
    expect(servedOverHttps(h({ "x-forwarded-proto": "http" }), "https://vigil.example.com")).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "https" }), "http://127.0.0.1:3000")).toBe(false);
  });

  it("otherwise reads X-Forwarded-Proto's first hop; nothing said is plain http", () => {
    expect(servedOverHttps(h({ "x-forwarded-proto": "https" }), undefined)).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "HTTPS, http" }), undefined)).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "http" }), undefined)).toBe(false);
    expect(servedOverHttps(h({}), undefined)).toBe(false);
  });
});

describe("plainHttpWarning", () => {
  it("is silent for an https URL and loud, naming the fix, otherwise", () => {
    expect(plainHttpWarning("https://vigil.example.com")).toBeUndefined();
    expect(plainHttpWarning(undefined)).toMatch(/NEXTAUTH_URL is not set.*without the Secure flag.*NEXTAUTH_URL=https/);
    expect(plainHttpWarning("http://vigil.internal")).toMatch(/NEXTAUTH_URL is http:\/\/vigil.internal/);
  });
});
