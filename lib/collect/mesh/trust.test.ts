import { beforeAll, describe, expect, it } from "vitest";
import { X509Certificate } from "node:crypto";
import { verifyChain } from "./trust";
import { certFacts } from "./cert-facts";
import { createCa, leaf, makePki, type TestPki } from "../../../test/support/mesh-pki";

let pki: TestPki;
beforeAll(async () => {
  pki = await makePki();
});
const x = (pem: string) => new X509Certificate(pem);
/** Every certificate of a PEM bundle, in order. */
const xs = (pem: string) =>
  pem
    .split(/(?<=-----END CERTIFICATE-----)\s*/)
    .filter((b) => b.includes("BEGIN"))
    .map(x);

describe("verifyChain: trusted, and complete as sent", () => {
  it("trusts a full chain under a root-only bundle (the Vault PKI shape), even when expired", async () => {
    const l = await leaf(pki, "a", { notBefore: new Date(Date.now() - 48 * 3600e3), notAfter: new Date(Date.now() - 3600e3) });
    expect(verifyChain(xs(l.fullChainPem), [x(pki.ca.certPem)])).toEqual({ trusted: true, chainComplete: true });
  });

  it("a leaf sent alone is trusted through an intermediate Vigil knows, but incomplete", async () => {
    const l = await leaf(pki, "a");
    const store = { anchors: [x(pki.ca.certPem)], intermediates: [x(pki.issuing.certPem)] };
    expect(verifyChain([x(l.certPem)], store)).toEqual({
      trusted: true,
      chainComplete: false,
      missingIssuer: "CN=Vigil Test Issuing CA, O=vigil.test",
    });
  });

  it("still incomplete when the bundle itself holds the intermediate (the old workaround)", async () => {
    const l = await leaf(pki, "a");
    const v = verifyChain([x(l.certPem)], [x(pki.ca.certPem), x(pki.issuing.certPem)]);
    expect(v).toMatchObject({ trusted: true, chainComplete: false });
  });

  it("complete when the bundle pins the intermediate alone (no root above it to reach)", async () => {
    const l = await leaf(pki, "a");
    expect(verifyChain([x(l.certPem)], [x(pki.issuing.certPem)])).toEqual({ trusted: true, chainComplete: true });
  });

  it("a leaf alone whose issuer nobody knows is untrusted, naming the missing issuer", async () => {
    const l = await leaf(pki, "a");
    const v = verifyChain([x(l.certPem)], [x(pki.ca.certPem)]);
    expect(v).toEqual({ trusted: false, trustError: 'issuer "CN=Vigil Test Issuing CA, O=vigil.test" is not in the configured CA bundle' });
  });

  it("rejects a same-named impostor chain by signature, and says so", async () => {
    const l = await leaf(pki, "a", { issuer: pki.rogue });
    const v = verifyChain(xs(l.fullChainPem), [x(pki.ca.certPem)]);
    expect(v.trusted).toBe(false);
    expect(v.chainComplete).toBeUndefined();
    expect(v.trustError).toMatch(/impostor/);
  });

  it("rejects a differently named CA and an empty bundle", async () => {
    const other = await createCa("CN=Someone Else");
    const l = await leaf(pki, "a", { issuer: other });
    expect(verifyChain([x(l.certPem)], [x(pki.ca.certPem)]).trustError).toMatch(/"CN=Someone Else" is not in the configured CA bundle/);
    expect(verifyChain([x(l.certPem)], []).trustError).toMatch(/no usable CA bundle/);
  });

  it("turns a certificate into CertFacts with SPIFFE id, key and signature algorithm", async () => {
    const l = await leaf(pki, "agent-x");
    const f = certFacts(x(l.certPem), { kind: "file", path: "/a.pem" }, { trusted: true });
    expect(f).toMatchObject({
      fingerprint256: l.fingerprint256,
      spiffeId: "spiffe://vigil.test/agent/agent-x",
      keyType: "ec",
      keyBits: 256,
      signatureAlgorithm: "ecdsa-with-SHA256",
      trusted: true,
    });
    expect(f.sans).toContain("IP Address:127.0.0.1");
    expect(f.subject).toBe("CN=agent-x, O=vigil.test");
  });
});
