/**
 * One vocabulary for what Vigil, testssl.sh and sslscan each say about an
 * endpoint, so their verdicts can be compared field by field. A field a tool
 * cannot decide stays absent and `cannot` says why: a blind spot is stated,
 * never counted as agreement.
 */
import type { ThirdPartyEntry } from "../third-party/plan";

/**
 * trusted: the chain the server sent reaches a configured root. incomplete: it would,
 * with an intermediate the server did not send. untrusted: it leads to no configured root.
 * "untrusted-or-incomplete": the tool saw "unable to get local issuer certificate" (OpenSSL
 * errors 20/21), which a missing intermediate and an impostor CA both produce.
 */
export type ChainVerdict = "trusted" | "untrusted" | "incomplete" | "untrusted-or-incomplete";

export const VERDICT_FIELDS = ["tls13", "tls12", "legacyTls", "leafExpired", "chain", "clientCertRequested"] as const;
export type VerdictField = (typeof VERDICT_FIELDS)[number];

export interface EndpointVerdict {
  tls13?: boolean;
  tls12?: boolean;
  /** TLS 1.0 or 1.1 accepted. */
  legacyTls?: boolean;
  leafExpired?: boolean;
  chain?: ChainVerdict;
  /** The server asked for a client certificate (a CertificateRequest, whatever it does without one). */
  clientCertRequested?: boolean;
  /** Why a field is absent. */
  cannot: Partial<Record<VerdictField, string>>;
}

export type Tool = "testssl" | "sslscan";
export interface ScannerRun {
  tool: Tool;
  endpoint: string;
  ms: number;
  verdict: EndpointVerdict;
}

const chainsAgree = (a: ChainVerdict, b: ChainVerdict): boolean =>
  a === b || (a === "untrusted-or-incomplete" && b !== "trusted") || (b === "untrusted-or-incomplete" && a !== "trusted");

export interface Comparison {
  disagreements: { field: VerdictField; ours: unknown; theirs: unknown }[];
  agreed: VerdictField[];
  /** Fields either side could not decide, with both reasons. */
  notCompared: { field: VerdictField; why: string }[];
}

export function compareVerdicts(ours: EndpointVerdict, theirs: EndpointVerdict): Comparison {
  const out: Comparison = { disagreements: [], agreed: [], notCompared: [] };
  for (const field of VERDICT_FIELDS) {
    const [a, b] = [ours[field], theirs[field]];
    if (a === undefined || b === undefined) {
      out.notCompared.push({ field, why: [ours.cannot[field], theirs.cannot[field]].filter(Boolean).join(" / ") || "not recorded" });
      continue;
    }
    const same = field === "chain" ? chainsAgree(a as ChainVerdict, b as ChainVerdict) : a === b;
    if (same) out.agreed.push(field);
    else out.disagreements.push({ field, ours: a, theirs: b });
  }
  return out;
}

/** What the test bed deployed, as a verdict: the yardstick for the scanners themselves. */
export function plannedVerdict(entry: ThirdPartyEntry): EndpointVerdict {
  if (entry.listener === "plain") {
    const why = "no TLS on this port: no certificate, no CertificateRequest";
    return { tls13: false, tls12: false, legacyTls: false, cannot: { leafExpired: why, chain: why, clientCertRequested: why } };
  }
  return {
    tls13: true,
    tls12: entry.minTls === "TLSv1.2",
    legacyTls: false,
    leafExpired: entry.validity === "expired",
    chain: entry.issuer === "rogue" ? "untrusted" : entry.sends === "leaf" ? "incomplete" : "trusted",
    // Every client-auth mode in the plan asks for a certificate; they differ in what they do without one.
    clientCertRequested: true,
    cannot: {},
  };
}
