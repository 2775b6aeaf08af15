/** X509Certificate → CertFacts: the plain-JSON record checks and evidence use. */
import type { X509Certificate } from "node:crypto";
import type { CertFacts } from "../../snapshot/types";
import { signatureAlgorithmOf } from "./der";
import type { TrustVerdict } from "./trust";

const CURVE_BITS: Record<string, number> = {
  "prime256v1": 256,
  "P-256": 256,
  "secp256k1": 256,
  "secp384r1": 384,
  "P-384": 384,
  "secp521r1": 521,
  "P-521": 521,
  "secp224r1": 224,
  "prime192v1": 192,
};

/** Node renders SANs as `DNS:a, URI:spiffe://x, IP Address:1.2.3.4`; values with commas are quoted. */
export function splitSans(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/, (?=[A-Za-z ]+:)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function spiffeIdOf(sans: string[]): string | undefined {
  const uri = sans.find((s) => s.startsWith("URI:spiffe://"));
  return uri?.slice("URI:".length);
}

/** A certificate Node parsed but whose facts cannot be read (a validity date it renders as text no Date accepts). */
export class CertificateUnreadableError extends Error {
  override name = "CertificateUnreadableError";
}

/** Dates that X509Certificate cannot parse stop this certificate, with a typed error its caller records, not the scan. */
function isoOrEpoch(text: string, field: string): string {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new CertificateUnreadableError(`certificate ${field} is unreadable: "${text.slice(0, 100)}"`);
  return d.toISOString();
}

function keyInfo(cert: X509Certificate): { keyType?: string; keyBits?: number } {
  try {
    const key = cert.publicKey;
    const type = key.asymmetricKeyType;
    const d = key.asymmetricKeyDetails ?? {};
    if (type === "rsa" || type === "rsa-pss" || type === "dsa") return { keyType: type, keyBits: d.modulusLength };
    if (type === "ec") return { keyType: "ec", keyBits: d.namedCurve ? CURVE_BITS[d.namedCurve] : undefined };
    if (type === "ed25519" || type === "x25519") return { keyType: type, keyBits: 256 };
    if (type === "ed448" || type === "x448") return { keyType: type, keyBits: 448 };
    return { keyType: type };
  } catch {
    return {}; // unsupported or malformed key: the key-strength check reports "unknown"
  }
}

export function certFacts(cert: X509Certificate, source: CertFacts["source"], trust: TrustVerdict): CertFacts {
  const sans = splitSans(cert.subjectAltName);
  const facts: CertFacts = {
    fingerprint256: cert.fingerprint256.replace(/:/g, "").toLowerCase(),
    subject: (cert.subject ?? "").split("\n").filter(Boolean).join(", "),
    issuer: (cert.issuer ?? "").split("\n").filter(Boolean).join(", "),
    serialNumber: cert.serialNumber,
    notBefore: isoOrEpoch(cert.validFrom, "notBefore"),
    notAfter: isoOrEpoch(cert.validTo, "notAfter"),
    sans,
    ...keyInfo(cert),
    signatureAlgorithm: signatureAlgorithmOf(cert.raw),
    source,
    trusted: trust.trusted,
  };
  const spiffe = spiffeIdOf(sans);
  if (spiffe) facts.spiffeId = spiffe;
  if (trust.trustError) facts.trustError = trust.trustError;
  if (trust.chainComplete !== undefined) facts.chainComplete = trust.chainComplete;
  if (trust.missingIssuer) facts.missingIssuer = trust.missingIssuer;
  return facts;
}
