import { beforeAll, describe, expect, it } from "vitest";
import { X509Certificate } from "node:crypto";
import { verifyChain } from "./trust";
import { certFacts } from "./cert-facts";
import { createCa } from "../../../scripts/testbed/mesh/pki";
import { leaf, makePki, type TestPki } from "./test-pki";

let pki: TestPki;
beforeAll(async () => { pki = await makePki(); });
const x = (pem: string) => new X509Certificate(pem);

describe("verifyChain (configured CA only)", () => {
  it("trusts a leaf issued by the CA, even when expired (expiry is its own check)", async () => {
    const l = await leaf(pki, "a", { notBefore: new Date(Date.now() - 48 * 3600e3), notAfter: new Date(Date.now() - 3600e3) });
    expect(verifyChain([x(l.certPem)], [x(pki.ca.certPem)])).toEqual({ trusted: true });
  });

  it("rejects a same-named impostor CA by signature, and says so", async () => {
    const l = await leaf(pki, "a", { issuer: pki.rogue });
    const v = verifyChain([x(l.certPem)], [x(pki.ca.certPem)]);
    expect(v.trusted).toBe(false);
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
      fingerprint256: l.fingerprint256, spiffeId: "spiffe://vigil.test/agent/agent-x", keyType: "ec", keyBits: 256,
      signatureAlgorithm: "ecdsa-with-SHA256", trusted: true,
    });
    expect(f.sans).toContain("IP Address:127.0.0.1");
    expect(f.subject).toBe("CN=agent-x, O=vigil.test");
  });
});
