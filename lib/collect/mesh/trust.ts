/**
 * Chain validation against the configured CA bundle only — never system roots,
 * because a public CA vouching for an agent is exactly what a mesh must reject.
 *
 * Two questions, answered apart (as testssl.sh does): is the leaf *trusted* (some
 * path leads to a certificate of the bundle), and is the chain the server sent
 * *complete* (that path needs nothing the server left out, so a peer holding only
 * the root can follow it). Vault PKI, cert-manager and SPIRE issue from an
 * intermediate and bundles usually hold only the root: a server that sends only its
 * leaf is then trusted (Vigil knows the intermediate from elsewhere) but incomplete.
 *
 * Validity dates are deliberately NOT part of this verdict: expiry has its own
 * checks (MESH-CERT-EXPIRED/EXPIRING), and an expired but properly issued cert
 * should be reported once, as expired, not also as untrusted.
 */
import type { X509Certificate } from "node:crypto";

export interface TrustVerdict {
  trusted: boolean;
  trustError?: string;
  /** Only for trusted chains: did the certificates the peer sent suffice? */
  chainComplete?: boolean;
  /** The first certificate the peer should have sent and did not (subject), when incomplete. */
  missingIssuer?: string;
}

export interface TrustStore {
  /** The configured CA bundle: the only certificates a path may end at. */
  anchors: X509Certificate[];
  /** CA certificates Vigil knows but does not trust by themselves (e.g. the auditor file's chain). */
  intermediates?: X509Certificate[];
}

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

const selfSigned = (c: X509Certificate) => signedBy(c, c) === "yes";
const oneLine = (dn: string): string => dn.split("\n").filter(Boolean).join(", ");

interface Step {
  cert: X509Certificate;
  sent: boolean;
  anchor: boolean;
}

/** chain: leaf first, then whatever the peer sent, in any order. */
export function verifyChain(chain: X509Certificate[], store: TrustStore | X509Certificate[]): TrustVerdict {
  const { anchors, intermediates = [] } = Array.isArray(store) ? { anchors: store } : store;
  if (anchors.length === 0) return { trusted: false, trustError: "no usable CA bundle configured" };
  const [leaf, ...sent] = chain;
  if (!leaf) return { trusted: false, trustError: "peer presented no certificate" };
  const isAnchor = (c: X509Certificate) => anchors.some((a) => a.fingerprint256 === c.fingerprint256);
  const wasSent = (c: X509Certificate) => sent.some((s) => s.fingerprint256 === c.fingerprint256);

  // Prefer ending at a root of the bundle, then what the peer sent, then the rest of the bundle, then what we know.
  const path: Step[] = [{ cert: leaf, sent: true, anchor: isAnchor(leaf) }];
  let nameOnly: X509Certificate | undefined;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const current = path[path.length - 1]!.cert;
    if (selfSigned(current)) break;
    const seen = (c: X509Certificate) => path.some((p) => p.cert.fingerprint256 === c.fingerprint256);
    const candidates = [...anchors.filter(selfSigned), ...sent, ...anchors, ...intermediates].filter((c) => !seen(c));
    const next = candidates.find((c) => c.ca && signedBy(current, c) === "yes");
    if (!next) {
      nameOnly = candidates.find((c) => signedBy(current, c) === "name-only");
      break;
    }
    path.push({ cert: next, sent: wasSent(next), anchor: isAnchor(next) });
  }
  if (path.length > MAX_DEPTH) return { trusted: false, trustError: `chain longer than ${MAX_DEPTH} certificates` };

  const top = path.map((p) => p.anchor).lastIndexOf(true);
  if (top < 0) {
    const last = path[path.length - 1]!.cert;
    if (nameOnly) {
      return {
        trusted: false,
        trustError: `signature does not verify against "${oneLine(nameOnly.subject)}" (same name, different key: impostor CA?)`,
      };
    }
    return { trusted: false, trustError: `issuer "${oneLine(last.issuer)}" is not in the configured CA bundle` };
  }
  // A peer must send every certificate between its leaf and the topmost anchor on the path (a root, or a
  // pinned intermediate when the bundle holds no root above it); the anchor itself it need not send.
  const needed = path.slice(1, top);
  const missing = needed.find((p) => !p.sent);
  return { trusted: true, chainComplete: !missing, ...(missing ? { missingIssuer: oneLine(missing.cert.subject) } : {}) };
}
