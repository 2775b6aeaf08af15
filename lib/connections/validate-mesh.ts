import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { verifyChain } from "../collect/mesh/trust";

/** Splits a bundle into PEM blocks; text outside the blocks is ignored as PEM allows. */
export function pemBlocks(pem: string, label = "CERTIFICATE"): string[] {
  const re = new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, "g");
  return pem.match(re) ?? [];
}

function parseCerts(what: string, pem: string): X509Certificate[] {
  const blocks = pemBlocks(pem);
  if (blocks.length === 0) throw new Error(`${what}: no "-----BEGIN CERTIFICATE-----" block found. Paste the PEM text.`);
  return blocks.map((b, i) => {
    try {
      return new X509Certificate(b);
    } catch (err) {
      throw new Error(`${what}: certificate ${i + 1} is not valid PEM/DER (${(err as Error).message}).`);
    }
  });
}

function parseKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new Error(`Client key: not a readable private key (${(err as Error).message}). Paste an unencrypted PEM key.`);
  }
}

/**
 * Checks what a mesh connection needs before anything is saved: a CA bundle,
 * a client certificate that chains to it, and the private key that belongs to
 * that certificate. The certificate file may carry its issuing chain (Vault PKI,
 * cert-manager and SPIRE issue from an intermediate; bundles hold only the root).
 * Throws the first problem, in words.
 */
export function validateMeshPems(input: { caPem: string; clientCertPem: string; clientKeyPem: string }) {
  const cas = parseCerts("CA bundle", input.caPem);
  const chain = parseCerts("Client certificate", input.clientCertPem);
  const [leaf] = chain;
  if (!leaf) throw new Error("Client certificate: empty.");
  const key = parseKey(input.clientKeyPem);
  if (!leaf.checkPrivateKey(key)) {
    throw new Error("Client key does not match the client certificate (different key pair).");
  }
  const trust = verifyChain(chain, cas);
  if (!trust.trusted) {
    throw new Error(
      `Client certificate (issuer "${leaf.issuer.replace(/\n/g, ", ")}") does not chain to the CA bundle: ${trust.trustError ?? "no path"}. ` +
        "If it was issued by an intermediate CA, put the intermediate after the certificate in the same file.",
    );
  }
  const now = Date.now();
  if (Date.parse(leaf.validTo) < now) throw new Error(`Client certificate expired on ${new Date(leaf.validTo).toISOString()}.`);
  return { caCount: cas.length, clientSubject: leaf.subject, clientNotAfter: new Date(leaf.validTo).toISOString() };
}
