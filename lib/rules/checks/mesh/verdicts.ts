/**
 * Server verdicts decided by difference, never by a status code alone: real terminators
 * refuse at the HTTP layer as often as at the TLS layer (nginx answers a request without
 * its required client certificate with `400 No required SSL certificate was sent`, and a
 * cleartext request on its TLS port with `400 The plain HTTP request was sent to HTTPS
 * port`). Each verdict compares attempts that differ in one thing only — with or without
 * the auditor's certificate, TLS or plain, capped version or not — and says `unknown`,
 * with the reason, when the comparison cannot decide. Pure.
 */
import type { ProbeAttempt, TlsVersion } from "../../../snapshot/types";

export interface Verdict {
  status: "pass" | "fail" | "unknown";
  /** One line: expected → observed, in plain words. */
  detail: string;
  /** Where the refusal happened, when there was one. */
  layer?: "tls" | "http";
}

/** What terminators answer, instead of the application, to a missing or rejected client certificate. */
const CLIENT_CERT_REFUSAL = [/no required ssl certificate/i, /ssl certificate error/i, /certificate required/i, /client certificate/i];
const CLIENT_CERT_STATUS = new Set([495, 496]); // nginx's internal codes, when error_page exposes them
/** ...and to cleartext on a TLS port (nginx, Go/Caddy, Apache, Tomcat). */
const PLAIN_ON_TLS_REFUSAL = [
  /plain http request was sent to https port/i,
  /http request to an https server/i,
  /speaking plain http to an ssl-enabled server/i,
  /requires tls/i,
];
const PLAIN_ON_TLS_STATUS = new Set([497]);

const answered = (a: ProbeAttempt | undefined): a is ProbeAttempt & { httpStatus: number } =>
  a?.outcome === "ok" && a.httpStatus !== undefined;
/** Refused before any HTTP: an alert, a failed handshake, or a close without an answer. */
const tlsRefused = (a: ProbeAttempt | undefined) => a?.outcome === "refused" || a?.outcome === "handshake-failed";
const said = (a: ProbeAttempt & { httpStatus: number }) => `HTTP ${a.httpStatus}${a.httpSummary ? ` "${a.httpSummary}"` : ""}`;
const why = (a: ProbeAttempt | undefined) => (a ? `${a.outcome}${a.error ? `: ${a.error}` : ""}` : "not attempted");
const sameAnswer = (a: ProbeAttempt & { httpStatus: number }, b: ProbeAttempt & { httpStatus: number }) =>
  a.httpStatus === b.httpStatus && (a.httpSummary ?? "") === (b.httpSummary ?? "");
const matches = (a: ProbeAttempt, patterns: RegExp[], statuses: Set<number>) =>
  (a.httpStatus !== undefined && statuses.has(a.httpStatus)) || patterns.some((p) => p.test(a.httpSummary ?? ""));
export const isClientCertRefusal = (a: ProbeAttempt) => matches(a, CLIENT_CERT_REFUSAL, CLIENT_CERT_STATUS);
export const isPlainOnTlsRefusal = (a: ProbeAttempt) => matches(a, PLAIN_ON_TLS_REFUSAL, PLAIN_ON_TLS_STATUS);

/**
 * Is a client certificate required? The same `GET /` with the auditor's certificate and without one.
 * Enforced: refused at the TLS layer, or refused at the HTTP layer while the certified request is served.
 * Not enforced: the same answer either way, or the application answering without a certificate.
 */
export function mtlsVerdict(withCert: ProbeAttempt | undefined, without: ProbeAttempt | undefined): Verdict {
  if (!without || without.outcome === "timeout" || without.outcome === "error") {
    return { status: "unknown", detail: `Request without a client certificate did not complete (${why(without)})` };
  }
  const bareServed = answered(without) && without.httpStatus < 400 && !isClientCertRefusal(without);
  if (!answered(withCert)) {
    // Nothing certified to compare with. An application answer without a certificate is still a served request.
    if (bareServed) return { status: "fail", detail: `Served without a client certificate: ${said(without)}` };
    if (!withCert) return { status: "unknown", detail: "No auditor certificate to compare with: configure one to decide mTLS" };
    return {
      status: "unknown",
      detail: `The auditor's own certificate was refused too (${why(withCert)}); without one: ${answered(without) ? said(without) : why(without)}`,
    };
  }
  if (isClientCertRefusal(withCert)) {
    return {
      status: "unknown",
      detail: `The auditor's own certificate was refused (${said(withCert)}): is it issued by a CA this endpoint trusts?`,
    };
  }
  if (tlsRefused(without)) {
    return {
      status: "pass",
      layer: "tls",
      detail: `Refused at the TLS layer without a client certificate (${why(without)}); with it: ${said(withCert)}`,
    };
  }
  if (!answered(without)) return { status: "unknown", detail: `Request without a client certificate: ${why(without)}` };
  if (sameAnswer(withCert, without)) {
    return { status: "fail", detail: `Same answer with and without a client certificate: ${said(without)}` };
  }
  if (without.httpStatus >= 400 || isClientCertRefusal(without)) {
    return {
      status: "pass",
      layer: "http",
      detail: `Refused at the HTTP layer without a client certificate: ${said(without)}; with it: ${said(withCert)}`,
    };
  }
  return { status: "fail", detail: `Answered without a client certificate: ${said(without)} (with it: ${said(withCert)})` };
}

/**
 * Is cleartext served? A plain `GET /` on the port, compared with what TLS serves there. An error page
 * about HTTP on an HTTPS port, a redirect to https, or a close is a refusal; the application's answer is not.
 */
export function plaintextVerdict(plain: ProbeAttempt | undefined, tlsAnswer: ProbeAttempt | undefined, tlsWorks: boolean): Verdict {
  if (!plain || plain.outcome === "timeout" || plain.outcome === "error") {
    return { status: "unknown", detail: `Plain HTTP request did not complete (${why(plain)})` };
  }
  if (!answered(plain)) return { status: "pass", detail: `Plain HTTP not served (${why(plain)})` };
  if (!tlsWorks) return { status: "fail", detail: `Speaks plain HTTP only: ${said(plain)}` };
  if (isPlainOnTlsRefusal(plain)) return { status: "pass", layer: "http", detail: `Plain HTTP refused: ${said(plain)}` };
  if (plain.httpStatus >= 300 && plain.httpStatus < 400 && /^https:\/\//i.test(plain.httpLocation ?? "")) {
    return { status: "pass", layer: "http", detail: `Plain HTTP redirected to ${plain.httpLocation}` };
  }
  if (answered(tlsAnswer) && sameAnswer(plain, tlsAnswer)) {
    return { status: "fail", detail: `Plain HTTP gets the same answer as TLS: ${said(plain)}` };
  }
  if (plain.httpStatus >= 400) return { status: "pass", layer: "http", detail: `Plain HTTP refused: ${said(plain)}` };
  return { status: "fail", detail: `Plain HTTP answered: ${said(plain)}` };
}

const ORDER: readonly TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
export const tlsRank = (v: TlsVersion) => ORDER.indexOf(v);

/**
 * Does the endpoint accept a version below `min`? Capped handshakes with the same credentials as a
 * reference handshake that worked: a capped failure means "refused" only when the uncapped one succeeded.
 */
export function legacyVerdict(reference: ProbeAttempt | undefined, capped: [string, ProbeAttempt | undefined][], min: TlsVersion): Verdict {
  const accepted = [["reference", reference] as const, ...capped]
    .filter(([, a]) => a?.protocol && tlsRank(a.protocol) < tlsRank(min) && (a.outcome === "ok" || a.outcome === "refused"))
    .map(([name, a]) => `${a?.protocol} (${name})`);
  if (accepted.length) return { status: "fail", detail: `Accepts ${accepted.join(", ")}; policy minimum is ${min}` };
  // The reference must have been served: a certificate refused after the handshake would fail the capped ones too.
  if (!answered(reference)) {
    return { status: "unknown", detail: `No served reference request to compare capped versions with (${why(reference)})` };
  }
  const open = capped.filter(([, a]) => !a || a.outcome === "timeout" || a.outcome === "error").map(([name, a]) => `${name}: ${why(a)}`);
  if (open.length) return { status: "unknown", detail: `Could not tell whether old versions are refused (${open.join("; ")})` };
  return { status: "pass", detail: `No handshake below ${min} was accepted` };
}
