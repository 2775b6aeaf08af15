/**
 * What the mesh checks look at, and how subjects are named.
 *
 * SUBJECT CONVENTION for certificate checks (MESH-CERT-*, MESH-WEAK-KEY):
 * the subject is where the certificate is deployed.
 *  - A leaf served by an endpoint → { type: "endpoint", id: "host:port" }.
 *    Stable across rotations: a 24 h cert rotated daily keeps one finding
 *    history per endpoint instead of a new subject every day, and the endpoint
 *    is what the team has to fix. The fingerprint is always in the evidence.
 *  - A tracked PEM file → { type: "certificate", id: sha256 fingerprint, label: path }
 *    (a file has no better stable id; the path is shown as the label).
 * Unreachable endpoints, and endpoints where no handshake completed, yield an
 * `unknown` result from every TLS check (with the reason): nothing was seen, so
 * nothing passed — coverage must say so rather than shrink.
 */
import type { CheckContext, CheckResult, Subject } from "../../types";
import { unknown } from "../result";
import type { CertFacts, EndpointFacts } from "../../../snapshot/types";

export interface ObservedCert {
  subject: Subject;
  cert: CertFacts;
}

export const endpointSubject = (e: EndpointFacts): Subject => ({
  type: "endpoint",
  id: e.endpoint,
  ...(e.agent ? { label: e.agent } : {}),
});

export const endpointsOf = (ctx: CheckContext): EndpointFacts[] => ctx.snapshot.mesh?.endpoints ?? [];

/** Endpoints where a TLS handshake completed, so the leaf and the probes mean something. */
export const tlsEndpoints = (ctx: CheckContext): EndpointFacts[] => endpointsOf(ctx).filter((e) => e.reachable && e.chain.length > 0);

/** Registered endpoints whose TLS facts are missing, each with the reason, as unknown results of the calling check. */
export function unexaminedEndpoints(ctx: CheckContext): CheckResult[] {
  return endpointsOf(ctx).flatMap((e) => {
    if (e.reachable && e.chain.length > 0) return [];
    const reason = e.reachable
      ? `No TLS handshake completed (${e.error ?? "no detail"})`
      : `Endpoint did not answer (${e.error ?? "no detail"})`;
    return [unknown(endpointSubject(e), reason, { reachable: e.reachable, error: e.error ?? null })];
  });
}

export function observedCertificates(ctx: CheckContext): ObservedCert[] {
  const served = tlsEndpoints(ctx).map((e) => ({ subject: endpointSubject(e), cert: e.chain[0]! }));
  const files = (ctx.snapshot.mesh?.certificates ?? []).map((c) => ({
    subject: { type: "certificate" as const, id: c.fingerprint256, label: c.source.kind === "file" ? c.source.path : c.source.endpoint },
    cert: c,
  }));
  return [...served, ...files];
}

/** The facts a certificate verdict rests on, for evidence. */
export const certEvidence = (c: CertFacts): Record<string, unknown> => ({
  fingerprint256: c.fingerprint256,
  subject: c.subject,
  issuer: c.issuer,
  serialNumber: c.serialNumber,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
  source: c.source,
});

const HOUR = 3600e3;
export const hours = (ms: number) => ms / HOUR;
/** "3.5 h" / "12 d": enough precision for a one-line detail. */
export function humanDuration(ms: number): string {
  const h = Math.abs(ms) / HOUR;
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 72) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round(h / 24)} d`;
}
