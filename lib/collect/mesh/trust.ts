/**
 * Chain validation against the configured CA bundle only — never system roots,
 * because a public CA vouching for an agent is exactly what a mesh must reject.
 *
 * Validity dates are deliberately NOT part of this verdict: expiry has its own
 * checks (MESH-CERT-EXPIRED/EXPIRING), and an expired but properly issued cert
 * should be reported once, as expired, not also as untrusted.
 */
import type { X509Certificate } from "node:crypto";

export interface TrustVerdict { trusted: boolean; trustError?: string }

const MAX_DEPTH = 8;

/** "name-only": the issuer's name matches but the signature (or key id) does not — an impostor CA. */
function signedBy(child: X509Certificate, issuer: X509Certificate): "yes" | "name-only" | "no" {
  if (!child.checkIssued(issuer)) return child.issuer === issuer.subject ? "name-only" : "no";
  try {
    return child.verify(issuer.publicKey) ? "yes" : "name-only";
  } catch {
    return "name-only";
  }
}

/** chain: leaf first, then whatever intermediates the peer sent. anchors: the configured CA bundle. */
export function verifyChain(chain: X509Certificate[], anchors: X509Certificate[]): TrustVerdict {
  if (anchors.length === 0) return { trusted: false, trustError: "no usable CA bundle configured" };
  let current = chain[0];
  if (!current) return { trusted: false, trustError: "peer presented no certificate" };
  const used = new Set<string>();
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchors.some((a) => a.fingerprint256 === current!.fingerprint256)) return { trusted: true };
    let nameOnly: X509Certificate | undefined;
    for (const anchor of anchors) {
      const v = signedBy(current, anchor);
      if (v === "yes") return { trusted: true };
      if (v === "name-only") nameOnly = anchor;
    }
    used.add(current.fingerprint256);
    const next = chain.find((c) => !used.has(c.fingerprint256) && c.ca && signedBy(current!, c) === "yes");
    if (!next) {
      if (nameOnly) {
        return { trusted: false, trustError: `signature does not verify against configured CA "${oneLine(nameOnly.subject)}" (same name, different key: impostor CA?)` };
      }
      return { trusted: false, trustError: `issuer "${oneLine(current.issuer)}" is not in the configured CA bundle` };
    }
    current = next;
  }
  return { trusted: false, trustError: `chain longer than ${MAX_DEPTH} certificates` };
}

const oneLine = (dn: string): string => dn.split("\n").filter(Boolean).join(", ");
