import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateKeyFromSeed, rawPublicKeyBase64, signJson, verifySignedJson } from "./ed25519";

// The Matrix spec's "Signing JSON" example key and its published signatures.
const SPEC_SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";
const SPEC_SIG_EMPTY = "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ";
const SPEC_SIG_ONE_TWO = "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw";

function flipByteOfBase64(b64: string, index: number): string {
  const buf = Buffer.from(b64, "base64");
  buf[index] = (buf[index] ?? 0) ^ 0x01;
  return buf.toString("base64").replace(/=+$/, "");
}

describe("ed25519 over canonical JSON", () => {
  const specKey = privateKeyFromSeed(SPEC_SEED);
  const specPub = rawPublicKeyBase64(specKey);

  it("reproduces and verifies the spec's known vectors", () => {
    expect((signJson({}, "domain", "ed25519:1", specKey) as Record<string, unknown>).signatures).toEqual({
      domain: { "ed25519:1": SPEC_SIG_EMPTY },
    });
    const signed = { one: 1, two: "Two", signatures: { domain: { "ed25519:1": SPEC_SIG_ONE_TWO } } };
    expect(verifySignedJson(signed, "domain", "ed25519:1", specPub)).toBe("valid");
    // `unsigned` is excluded from what is signed.
    expect(verifySignedJson({ ...signed, unsigned: { age_ts: 5 } }, "domain", "ed25519:1", specPub)).toBe("valid");
  });

  it("fails on a flipped signature byte, tampered content or the wrong key", () => {
    const signed = { one: 1, two: "Two", signatures: { domain: { "ed25519:1": SPEC_SIG_ONE_TWO } } };
    const flipped = { ...signed, signatures: { domain: { "ed25519:1": flipByteOfBase64(SPEC_SIG_ONE_TWO, 10) } } };
    expect(verifySignedJson(flipped, "domain", "ed25519:1", specPub)).toBe("invalid");
    expect(verifySignedJson({ ...signed, two: "Three" }, "domain", "ed25519:1", specPub)).toBe("invalid");
    expect(verifySignedJson(signed, "domain", "ed25519:1", flipByteOfBase64(specPub, 0))).toBe("invalid");
  });

  it("distinguishes a missing signature from a bad one, and never throws on junk", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const pub = rawPublicKeyBase64(publicKey);
    const obj = signJson({ user_id: "@a:hs", keys: { "ed25519:A": pub } }, "@a:hs", "ed25519:A", privateKey);
    expect(verifySignedJson(obj, "@a:hs", "ed25519:A", pub)).toBe("valid");
    expect(verifySignedJson(obj, "@b:hs", "ed25519:A", pub)).toBe("missing");
    expect(verifySignedJson(obj, "@a:hs", "ed25519:B", pub)).toBe("missing");
    expect(verifySignedJson({ ...obj, signatures: { "@a:hs": { "ed25519:A": 42 } } }, "@a:hs", "ed25519:A", pub)).toBe("invalid");
    expect(verifySignedJson({ ...obj, signatures: { "@a:hs": { "ed25519:A": "not base64!" } } }, "@a:hs", "ed25519:A", pub)).toBe(
      "invalid",
    );
    expect(verifySignedJson(obj, "@a:hs", "ed25519:A", "short")).toBe("invalid");
    expect(verifySignedJson({ ...obj, ratio: 0.5 }, "@a:hs", "ed25519:A", pub)).toBe("invalid");
    expect(verifySignedJson(null, "@a:hs", "ed25519:A", pub)).toBe("invalid");
  });
});
