/** Certificates for the collector tests, minted with the test bed's PKI: root → issuing CA → leaves, and a same-named impostor. */
import { createCa, createPkiPair, issueLeaf, newKey, spiffeIdFor, type Issuer, type KeyPair } from "../../scripts/testbed/mesh/pki";

export interface TestPki {
  /** The root: what a bundle holds. */
  ca: Issuer;
  /** The issuing CA under it: signs every leaf. */
  issuing: Issuer;
  /** An impostor root + issuing CA with the same names. */
  rogue: Issuer;
  key: KeyPair;
  /** The auditor's file carries leaf + issuing CA, as Vault PKI hands it out. */
  auditor: { certPem: string; keyPem: string };
}

const H = 3600e3;

export async function makePki(): Promise<TestPki> {
  const [{ root, issuing }, rogue, key] = await Promise.all([createPkiPair(), createPkiPair(), newKey("ec")]);
  const auditor = await issueLeaf(issuing, {
    commonName: "auditor",
    key,
    notBefore: new Date(Date.now() - H),
    notAfter: new Date(Date.now() + 23 * H),
  });
  return { ca: root, issuing, rogue: rogue.issuing, key, auditor: { certPem: auditor.fullChainPem, keyPem: auditor.keyPem } };
}

export { createCa };

export function leaf(
  pki: TestPki,
  agent: string,
  over: { issuer?: Issuer; notBefore?: Date; notAfter?: Date; spiffeId?: string | null; loopbackSans?: boolean } = {},
) {
  return issueLeaf(over.issuer ?? pki.issuing, {
    commonName: agent,
    spiffeId: over.spiffeId === null ? undefined : (over.spiffeId ?? spiffeIdFor(agent)),
    key: pki.key,
    notBefore: over.notBefore ?? new Date(Date.now() - H),
    notAfter: over.notAfter ?? new Date(Date.now() + 23 * H),
    loopbackSans: over.loopbackSans,
  });
}
