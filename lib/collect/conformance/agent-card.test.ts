import { createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jcs } from "../../crypto/jcs";
import { judgeCardBody } from "./agent-card";

const b64u = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** A card signed the A2A way: JWS, detached payload = RFC 8785 form of the card without `signatures`. */
function signedCard<C extends Record<string, unknown>>(card: C, kid: string, alg: "ES256" | "EdDSA") {
  const { privateKey } = alg === "ES256" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("ed25519");
  const protectedHeader = b64u(JSON.stringify({ alg, kid, typ: "JOSE" }));
  const input = Buffer.from(`${protectedHeader}.${b64u(jcs(card))}`);
  const signature = alg === "ES256" ? sign("sha256", input, { key: privateKey, dsaEncoding: "ieee-p1363" }) : sign(null, input, privateKey);
  return {
    card: { ...card, signatures: [{ protected: protectedHeader, signature: b64u(signature) }] },
    publicKey: createPublicKey(privateKey),
  };
}

const CARD = { name: "ref-agent", url: "https://127.0.0.1:1/", version: "1.0.0", skills: [{ id: "echo", name: "Echo", weight: 0.5 }] };
const body = (v: unknown, indent?: number) => Buffer.from(JSON.stringify(v, null, indent));

describe("judgeCardBody", () => {
  it("verifies ES256 and EdDSA signatures by a declared kid, whatever the served key order and whitespace", () => {
    for (const alg of ["ES256", "EdDSA"] as const) {
      const { card, publicKey } = signedCard(CARD, "k1", alg);
      const reordered = { signatures: card.signatures, version: card.version, skills: card.skills, url: card.url, name: card.name };
      expect(judgeCardBody(body(reordered, 2), new Map([["k1", publicKey]])).signatures).toEqual([
        { kid: "k1", alg, keyDeclared: true, valid: true },
      ]);
    }
  });

  it("a card changed after signing does not verify; a kid the registry does not declare is not checked", () => {
    const { card, publicKey } = signedCard(CARD, "k1", "ES256");
    expect(judgeCardBody(body({ ...card, url: "https://evil.test/" }), new Map([["k1", publicKey]])).signatures).toEqual([
      { kid: "k1", alg: "ES256", keyDeclared: true, valid: false },
    ]);
    expect(judgeCardBody(body(card), new Map([["other", publicKey]])).signatures).toEqual([
      { kid: "k1", alg: "ES256", keyDeclared: false },
    ]);
  });

  it("unsigned is an empty list; garbage is a parse error, never a pass", () => {
    expect(judgeCardBody(body(CARD), new Map())).toEqual({ signatures: [] });
    expect(judgeCardBody(Buffer.from("<html>"), new Map())).toEqual({ parseError: "the body is not JSON" });
    expect(judgeCardBody(body([1]), new Map()).parseError).toMatch(/not a JSON object/);
    expect(judgeCardBody(body({ ...CARD, signatures: "x" }), new Map()).parseError).toMatch(/not an array/);
    const { publicKey } = signedCard(CARD, "k1", "ES256");
    expect(
      judgeCardBody(body({ ...CARD, signatures: [{ protected: "!!", signature: "x" }] }), new Map([["k1", publicKey]])).signatures?.[0],
    ).toMatchObject({ keyDeclared: false, error: expect.stringMatching(/protected header/) });
  });
});
