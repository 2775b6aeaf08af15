/**
 * The certificate page's view model: one certificate (by SHA-256 fingerprint) as the latest scan saw it, every place
 * it was seen (endpoint chains, tracked files), the chains it sits in with their trust verdict, and its validity.
 * Pure: the trust facts were computed at scan time against the configured CA bundle (lib/collect/mesh); this only
 * gathers them. The loader is certificate-view-detail.ts.
 */
import type { CertFacts, MeshSnapshot } from "../snapshot/types";

/** One place the certificate was seen: an endpoint's chain (at `position`, 0 = leaf) or a tracked file. */
export type CertificateSighting =
  | { kind: "endpoint"; endpoint: string; position: number; chain: CertFacts[]; facts: CertFacts }
  | { kind: "file"; path: string; facts: CertFacts };

export type TrustState = "trusted" | "incomplete-chain" | "untrusted";

export interface TrustVerdict {
  state: TrustState;
  detail: string;
}

export type ValidityState = "not-yet-valid" | "valid" | "expired";

/** Stored fingerprints are lowercase hex; a pasted "AB:CD …" form is the same certificate. */
export const normalizeFingerprint = (raw: string): string => raw.replace(/[\s:]/g, "").toLowerCase();

/** Every place the snapshot's mesh holds the certificate: each endpoint chain that carries it, then tracked files. */
export function certificateSightings(fingerprint: string, mesh: MeshSnapshot | undefined): CertificateSighting[] {
  const fp = normalizeFingerprint(fingerprint);
  const out: CertificateSighting[] = [];
  for (const e of mesh?.endpoints ?? []) {
    const position = e.chain.findIndex((c) => c.fingerprint256 === fp);
    const facts = e.chain[position];
    if (facts) out.push({ kind: "endpoint", endpoint: e.endpoint, position, chain: e.chain, facts });
  }
  for (const c of mesh?.certificates ?? []) {
    if (c.fingerprint256 !== fp) continue;
    out.push({ kind: "file", path: c.source.kind === "file" ? c.source.path : c.source.endpoint, facts: c });
  }
  return out.sort((a, b) => Number(a.kind === "file") - Number(b.kind === "file"));
}

/**
 * One verdict for the certificate, the worst of where it was seen: a chain that does not reach the CA bundle is
 * untrusted (with the validator's reason); one that reaches it only with an intermediate the server did not send is
 * incomplete (clients holding only the root fail). No sighting: null (the page says the latest scan did not see it).
 */
export function trustVerdict(sightings: readonly CertificateSighting[]): TrustVerdict | null {
  if (sightings.length === 0) return null;
  const untrusted = sightings.find((s) => !s.facts.trusted);
  if (untrusted) {
    const where = untrusted.kind === "endpoint" ? `as sent by ${untrusted.endpoint}` : `in ${untrusted.path}`;
    return {
      state: "untrusted",
      detail: `does not chain to the configured CA bundle ${where}: ${untrusted.facts.trustError ?? "no reason recorded"}`,
    };
  }
  const incomplete = sightings.find((s) => s.facts.chainComplete === false);
  if (incomplete && incomplete.kind === "endpoint") {
    const missing = incomplete.facts.missingIssuer ? ` (missing: ${incomplete.facts.missingIssuer})` : "";
    return {
      state: "incomplete-chain",
      detail: `${incomplete.endpoint} validates only with an intermediate it did not send${missing}`,
    };
  }
  return { state: "trusted", detail: "chains to the configured CA bundle wherever it was seen" };
}

export function validityState(cert: Pick<CertFacts, "notBefore" | "notAfter">, now: Date): ValidityState {
  const t = now.getTime();
  if (t < Date.parse(cert.notBefore)) return "not-yet-valid";
  return t >= Date.parse(cert.notAfter) ? "expired" : "valid";
}

/** The SANs split the way people read them: the SPIFFE id(s), DNS names, addresses, anything else. */
export function groupSans(sans: readonly string[]): { spiffe: string[]; dns: string[]; ip: string[]; other: string[] } {
  const out = { spiffe: [] as string[], dns: [] as string[], ip: [] as string[], other: [] as string[] };
  for (const s of sans) {
    if (s.startsWith("URI:spiffe://")) out.spiffe.push(s.slice(4));
    else if (s.startsWith("DNS:")) out.dns.push(s.slice(4));
    else if (s.startsWith("IP Address:")) out.ip.push(s.slice(11));
    else out.other.push(s);
  }
  return out;
}

/**
 * Checks whose finding on an endpoint is about the certificate it serves as its leaf (expiry, lifetime, trust, chain,
 * identity, key): those findings belong on the certificate's page too. Transport checks (mTLS, plaintext, legacy TLS,
 * reachability) are about the endpoint, not its certificate.
 */
const LEAF_CHECK_PREFIXES = ["MESH-CERT-", "MESH-CHAIN-", "MESH-IDENTITY-", "MESH-WEAK-KEY"];
export const isLeafCertificateCheck = (check: string): boolean => LEAF_CHECK_PREFIXES.some((p) => check.startsWith(p));

/** The endpoints that serve the certificate as their leaf. */
export const leafEndpoints = (sightings: readonly CertificateSighting[]): string[] =>
  sightings.flatMap((s) => (s.kind === "endpoint" && s.position === 0 ? [s.endpoint] : []));

export interface CertificateHistory {
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** How many stored scans hold it (any source). */
  scans: number;
}
