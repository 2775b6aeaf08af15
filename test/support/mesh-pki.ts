/** Certificates for the collector tests, minted with the test bed's PKI (not a test file itself). */
import { createCa, issueLeaf, newKey, spiffeIdFor, type Issuer, type KeyPair } from "../../../scripts/testbed/mesh/pki";

export interface TestPki { ca: Issuer; rogue: Issuer; key: KeyPair; auditor: { certPem: string; keyPem: string } }

const H = 3600e3;

export async function makePki(): Promise<TestPki> {
  const [ca, rogue, key] = await Promise.all([createCa(), createCa(), newKey("ec")]);
  const auditor = await issueLeaf(ca, { commonName: "auditor", key, notBefore: new Date(Date.now() - H), notAfter: new Date(Date.now() + 23 * H) });
  return { ca, rogue, key, auditor };
}

export function leaf(pki: TestPki, agent: string, over: { issuer?: Issuer; notBefore?: Date; notAfter?: Date; spiffeId?: string | null; loopbackSans?: boolean } = {}) {
  return issueLeaf(over.issuer ?? pki.ca, {
    commonName: agent,
    spiffeId: over.spiffeId === null ? undefined : (over.spiffeId ?? spiffeIdFor(agent)),
    key: pki.key,
    notBefore: over.notBefore ?? new Date(Date.now() - H),
    notAfter: over.notAfter ?? new Date(Date.now() + 23 * H),
    loopbackSans: over.loopbackSans,
  });
}
