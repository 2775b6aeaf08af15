/**
 * Everything Vigil learns about one endpoint, from five connections: the same
 * `GET /` with the auditor cert and without one (is mTLS enforced, and at which
 * layer?), capped at TLS 1.2 and at 1.1 (legacy accepted?), and plain HTTP on the
 * same port (cleartext served, or refused with an error page?). The verdicts are
 * the checks' (lib/rules/checks/mesh/verdicts.ts), decided by comparing attempts.
 */
import type { X509Certificate } from "node:crypto";
import type { CertFacts, EndpointFacts } from "../../snapshot/types";
import { plainHttpAttempt, tlsAttempt, type ObserverContexts, type TlsAttemptResult } from "./attempts";
import { certFacts } from "./cert-facts";
import { parseEndpoint } from "./endpoint-address";
import { errorText } from "./pem";
import { verifyChain, type TrustStore } from "./trust";
import type { MeshEndpointTarget } from "./types";

export interface ProbeContext {
  trust: TrustStore;
  /** withClientCert is absent when the configured auditor credentials are unusable (reported once by the prober). */
  contexts: ObserverContexts;
  timeoutMs: number;
  /** The scan's time limit: aborting it ends every attempt in flight and closes its socket. */
  signal?: AbortSignal;
}

export interface EndpointProbe {
  facts: EndpointFacts;
  error?: string;
}

export async function probeEndpoint(target: MeshEndpointTarget, ctx: ProbeContext): Promise<EndpointProbe> {
  const facts: EndpointFacts = { endpoint: target.endpoint, reachable: false, chain: [], probes: {} };
  if (target.agent) facts.agent = target.agent;
  if (target.expectedIdentity) facts.expectedIdentity = target.expectedIdentity;

  let host: string, port: number;
  try {
    ({ host, port } = parseEndpoint(target.endpoint));
  } catch (e) {
    facts.error = errorText(e);
    return { facts, error: facts.error };
  }
  const base = { host, port, timeoutMs: ctx.timeoutMs, signal: ctx.signal };

  // First contact decides reachability; without it the other four would only repeat the same timeout.
  const withCert = ctx.contexts.withClientCert;
  const first = await tlsAttempt({ ...base, secureContext: withCert ?? ctx.contexts.withoutClientCert, httpRequest: !!withCert });
  if (withCert) facts.probes.withClientCert = first.attempt;
  const silent = !first.tcpConnected || (first.attempt.outcome === "timeout" && !first.chain);
  if (silent) {
    // An unreachable endpoint is an observation (MESH-UNREACHABLE), not a failure
    // to collect: it must not make every scan with one dead agent "partial".
    facts.error = first.attempt.error ?? first.attempt.outcome;
    return { facts };
  }
  facts.reachable = true;

  const needChain = !first.chain?.length; // later attempts read the chain only if the first did not get it
  const [without, tls12, tls11, plain] = await Promise.all([
    tlsAttempt({ ...base, secureContext: ctx.contexts.withoutClientCert, httpRequest: true, wantChain: needChain }),
    tlsAttempt({ ...base, secureContext: ctx.contexts.tls12, wantChain: needChain }),
    tlsAttempt({ ...base, secureContext: ctx.contexts.tls11, wantChain: needChain }),
    plainHttpAttempt(host, port, ctx.timeoutMs, ctx.signal),
  ]);
  facts.probes.withoutClientCert = without.attempt;
  facts.probes.tls12 = tls12.attempt;
  facts.probes.tls11 = tls11.attempt;
  facts.probes.plainHttp = plain;

  // The chain comes from whichever handshake completed, best first.
  const source = [first, without, tls12, tls11].find((r): r is TlsAttemptResult & { chain: X509Certificate[] } => !!r.chain?.length);
  let error: string | undefined;
  if (source) {
    try {
      facts.chain = chainFacts(source.chain, target.endpoint, ctx.trust);
    } catch (e) {
      error = `certificate unreadable: ${errorText(e)}`;
    }
  } else {
    // An observation, not a failure to collect: the port answered but speaks no TLS (plain HTTP,
    // SSH, garbage). MESH-PLAINTEXT judges it and every TLS check says unknown, with this reason.
    facts.error = `no TLS handshake completed (${first.attempt.outcome}: ${first.attempt.error ?? "no detail"})`;
  }
  if (error) facts.error = error;
  return { facts, error };
}

function chainFacts(chain: X509Certificate[], endpoint: string, trust: TrustStore): CertFacts[] {
  const verdict = verifyChain(chain, trust);
  // The verdict is the leaf's; intermediates are recorded as evidence with the same verdict.
  return chain.map((c) => certFacts(c, { kind: "endpoint", endpoint }, verdict));
}
