/**
 * Vigil's verdicts on one endpoint, in the vocabulary the scanners share
 * (verdict.ts). TLS versions come from the handshakes the prober recorded;
 * expiry, chain and client-certificate verdicts come from the checks' results,
 * because those are what Vigil reports.
 */
import type { EndpointFacts, ProbeAttempt } from "../../../../lib/snapshot/types";
import type { EndpointVerdict } from "./verdict";

export interface ResultLike {
  check: string;
  status: "pass" | "fail" | "unknown";
  subject: { id: string };
  detail?: string;
}

const negotiated = (a: ProbeAttempt | undefined, versions: string[]) => a?.protocol !== undefined && versions.includes(a.protocol);

export function vigilEndpointVerdict(e: EndpointFacts, results: ResultLike[]): EndpointVerdict {
  const mine = results.filter((r) => r.subject.id === e.endpoint);
  const result = (check: string) => mine.find((r) => r.check === check);
  const why = (check: string) => {
    const r = result(check);
    return r ? `${check} ${r.status}: ${r.detail ?? "no detail"}` : `${check}: no result`;
  };
  const verdict: EndpointVerdict = { cannot: {} };
  if (!e.reachable) {
    const reason = `endpoint did not answer (${e.error ?? "no detail"})`;
    for (const f of ["tls13", "tls12", "legacyTls", "leafExpired", "chain", "clientCertRequested"] as const) verdict.cannot[f] = reason;
    return verdict;
  }
  const { withClientCert, withoutClientCert, tls12, tls11 } = e.probes;
  verdict.tls13 = negotiated(withClientCert, ["TLSv1.3"]) || negotiated(withoutClientCert, ["TLSv1.3"]);
  verdict.tls12 = negotiated(tls12, ["TLSv1.2"]) || negotiated(withClientCert, ["TLSv1.2"]);
  verdict.legacyTls = negotiated(tls11, ["TLSv1", "TLSv1.1"]);

  const expired = result("MESH-CERT-EXPIRED")?.status;
  if (expired === "fail" || expired === "pass") verdict.leafExpired = expired === "fail";
  else verdict.cannot.leafExpired = why("MESH-CERT-EXPIRED");

  const [untrusted, incomplete] = [result("MESH-CERT-UNTRUSTED")?.status, result("MESH-CHAIN-INCOMPLETE")?.status];
  if (untrusted === "fail") verdict.chain = "untrusted";
  else if (untrusted === "pass" && incomplete === "fail") verdict.chain = "incomplete";
  else if (untrusted === "pass" && incomplete === "pass") verdict.chain = "trusted";
  else verdict.cannot.chain = `${why("MESH-CERT-UNTRUSTED")}; ${why("MESH-CHAIN-INCOMPLETE")}`;

  // Vigil judges enforcement, not the CertificateRequest itself: enforced implies asked;
  // served without a certificate says nothing about whether it asked (nginx `optional` does).
  if (result("MESH-MTLS-NOT-ENFORCED")?.status === "pass") verdict.clientCertRequested = true;
  else {
    verdict.cannot.clientCertRequested = `not enforced or undecided, and Vigil does not record the CertificateRequest (${why("MESH-MTLS-NOT-ENFORCED")})`;
  }
  return verdict;
}
