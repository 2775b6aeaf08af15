/**
 * The client API's own TLS, with the mesh prober's attempts and chain verdicts (lib/collect/mesh): one modern
 * handshake with `GET /`, and handshakes capped at TLS 1.2 and at 1.1 to see what the server still accepts. No client
 * certificate: a homeserver's clients have none. The chain is judged against the CA file Vigil was given, else
 * Node's bundled public roots (a public homeserver's certificate comes from a public CA).
 */
import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import type { HomeserverTlsFacts } from "../../snapshot/types";
import { observerContexts, tlsAttempt } from "../mesh/attempts";
import { certFacts } from "../mesh/cert-facts";
import { parseCertificateBundle } from "../mesh/pem";
import { verifyChain } from "../mesh/trust";

export interface TlsProbeOptions {
  url: URL;
  timeoutMs: number;
  caPem?: string;
  /** The scan's time limit: ends the handshakes in flight when it passes. */
  signal?: AbortSignal;
}

export async function probeClientTls(o: TlsProbeOptions): Promise<HomeserverTlsFacts> {
  const host = o.url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(o.url.port || 443);
  const contexts = observerContexts();
  const base = { host, port, timeoutMs: o.timeoutMs, signal: o.signal };
  const modern = await tlsAttempt({ ...base, secureContext: contexts.withoutClientCert, httpRequest: true });
  const trustAnchors = o.caPem ? "configured" : "system";
  if (!modern.chain?.length) return { chain: [], trustAnchors, probes: { modern: modern.attempt } };
  const [tls12, tls11] = await Promise.all([
    tlsAttempt({ ...base, secureContext: contexts.tls12, wantChain: false }),
    tlsAttempt({ ...base, secureContext: contexts.tls11, wantChain: false }),
  ]);
  const anchors = o.caPem
    ? parseCertificateBundle(o.caPem, "homeserver CA file")
    : tls.rootCertificates.map((pem) => new X509Certificate(pem));
  const verdict = verifyChain(modern.chain, { anchors });
  const endpoint = `${host}:${port}`;
  const chain = modern.chain.map((c) => certFacts(c, { kind: "endpoint", endpoint }, verdict));
  return { chain, trustAnchors, probes: { modern: modern.attempt, tls12: tls12.attempt, tls11: tls11.attempt } };
}
