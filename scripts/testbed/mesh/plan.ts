/**
 * What the test bed deploys and what Vigil must therefore find. One fault per
 * endpoint, each designed to trip exactly one check, so the ground truth is a
 * plain function of the plan and a mismatch points at one check.
 */
import type { Fault } from "./servers";

/** The catalogue, in order; N endpoints cycle through it. Two healthy ones so "pass" is exercised too. */
export const FAULT_CYCLE: readonly Fault[] = [
  "healthy",
  "healthy",
  "expiring",
  "expired",
  "long-lived",
  "rogue-ca",
  "identity-mismatch",
  "no-mtls",
  "tls12",
  "plaintext",
  "weak-key",
  "unreachable",
];

/** The one check each fault must trip (healthy: none). */
export const EXPECTED_CHECK: Record<Fault, string | undefined> = {
  "healthy": undefined,
  "expiring": "MESH-CERT-EXPIRING",
  "expired": "MESH-CERT-EXPIRED",
  "long-lived": "MESH-CERT-LIFETIME",
  "rogue-ca": "MESH-CERT-UNTRUSTED",
  "identity-mismatch": "MESH-IDENTITY-MISMATCH",
  "no-mtls": "MESH-MTLS-NOT-ENFORCED",
  "tls12": "MESH-TLS-LEGACY",
  "plaintext": "MESH-PLAINTEXT",
  "weak-key": "MESH-WEAK-KEY",
  "unreachable": "MESH-UNREACHABLE",
};

/**
 * Everything that needs a completed TLS handshake to decide. Where no certificate
 * was ever seen (nothing listens, or the port speaks no TLS) none of these can pass:
 * Vigil must answer `unknown` for each.
 */
export const TLS_CHECKS: readonly string[] = [
  "MESH-CERT-EXPIRED",
  "MESH-CERT-EXPIRING",
  "MESH-CERT-LIFETIME",
  "MESH-CERT-UNTRUSTED",
  "MESH-CHAIN-INCOMPLETE",
  "MESH-IDENTITY-MISMATCH",
  "MESH-MTLS-NOT-ENFORCED",
  "MESH-TLS-LEGACY",
  "MESH-WEAK-KEY",
];

/**
 * The checks each fault leaves undecided (result `unknown`). Unreachable: nothing
 * answered, not even plain HTTP. Rogue CA: a chain that reaches no configured root
 * cannot be judged complete or incomplete.
 */
export const EXPECTED_UNKNOWN: Partial<Record<Fault, readonly string[]>> = {
  "unreachable": [...TLS_CHECKS, "MESH-PLAINTEXT"],
  "rogue-ca": ["MESH-CHAIN-INCOMPLETE"],
};

const H = 3600e3;
/**
 * Validity windows relative to `now`. 24 h certs have exactly 24 h of
 * lifetime (MESH-CERT-LIFETIME passes at == max) and ~24 h left, well outside
 * the default warning window min(72 h, 20 % of 24 h = 4.8 h). "expiring" has
 * 50 minutes left, so the ground truth holds for 50 minutes after start.
 */
export function validityFor(fault: Fault, now: number): { notBefore: Date; notAfter: Date } {
  const day = (end: number) => ({ notBefore: new Date(end - 24 * H), notAfter: new Date(end) });
  switch (fault) {
    case "expiring":
      return day(now + 50 * 60e3);
    case "expired":
      return day(now - 1 * H);
    case "long-lived":
      return { notBefore: new Date(now - 5 * 60e3), notAfter: new Date(now - 5 * 60e3 + 365 * 24 * H) };
    default:
      return day(now - 5 * 60e3 + 24 * H);
  }
}

export const agentName = (i: number, fault: Fault) => `a${String(i).padStart(3, "0")}-${fault}`;
