import { describe, expect, it } from "vitest";
import { errorText, parseCertificateBundle, PemError } from "./pem";
import { signatureAlgorithmOf } from "./der";
import { mapPool } from "./pool";
import { parseEndpoint } from "./endpoint-address";

describe("PEM and small helpers", () => {
  it("rejects empty, block-less and corrupt PEM with a message naming what was wrong", () => {
    expect(() => parseCertificateBundle("", "CA")).toThrow(/CA is empty/);
    expect(() => parseCertificateBundle("hello", "CA")).toThrow(/no "BEGIN CERTIFICATE" block/);
    const corrupt = "-----BEGIN CERTIFICATE-----\nAAAAbm90IGEgY2VydA==\n-----END CERTIFICATE-----";
    expect(() => parseCertificateBundle(corrupt, "CA")).toThrow(PemError);
    expect(() => parseCertificateBundle(corrupt, "CA")).toThrow(/block 1 is not a valid certificate/);
  });

  it("shortens OpenSSL errors to reason and alert number", () => {
    const raw =
      "80ACA1DC917F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116";
    expect(errorText(new Error(raw))).toBe("tlsv13 alert certificate required (TLS alert 116)");
    expect(errorText(new Error("connect ECONNREFUSED 127.0.0.1:1"))).toBe("connect ECONNREFUSED 127.0.0.1:1");
  });

  it("reads no signature algorithm from garbage instead of throwing", () => {
    expect(signatureAlgorithmOf(new Uint8Array([0x30, 0x82, 0xff]))).toBeUndefined();
  });

  it("parses host:port and [v6]:port, rejects the rest", () => {
    expect(parseEndpoint("127.0.0.1:443")).toEqual({ host: "127.0.0.1", port: 443 });
    expect(parseEndpoint("[::1]:8443")).toEqual({ host: "::1", port: 8443 });
    for (const bad of ["nohost", "h:0", "h:70000", "http://h:1", ""]) expect(() => parseEndpoint(bad)).toThrow(/invalid endpoint/);
  });

  it("never runs more than the concurrency limit at once, and keeps order", async () => {
    let inFlight = 0,
      peak = 0;
    const out = await mapPool([...Array(20).keys()], 3, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return n * 2;
    });
    expect(peak).toBe(3);
    expect(out).toEqual([...Array(20).keys()].map((n) => n * 2));
  });
});
