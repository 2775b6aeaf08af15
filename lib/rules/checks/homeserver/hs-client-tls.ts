/**
 * HS-CLIENT-TLS — the client API's own transport: served over https with a certificate that chains to the trusted
 * roots (the configured CA file, else public roots), is not expired or inside the warning window, and no protocol
 * older than policy.homeserver.minTlsVersion is accepted. Plain http on the public URL fails. Subject: the homeserver.
 */
import type { ProbeAttempt, TlsVersion } from "../../../snapshot/types";
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { TRANSPORT_ENCRYPTION } from "./controls";
import { homeserverOf, homeserverSubject } from "./observed";

const ORDER: readonly TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const DAY = 24 * 3600e3;
/** A handshake completed (the server may have closed afterwards): the version was accepted. */
const accepted = (a: ProbeAttempt | undefined): a is ProbeAttempt & { protocol: TlsVersion } => a?.protocol !== undefined;

export const hsClientTls: Check = {
  meta: {
    id: "HS-CLIENT-TLS",
    title: "Client API transport is weak",
    severity: "high",
    area: "homeserver",
    risk:
      "Access tokens and every event's metadata travel over the client API; cleartext, an untrusted or expired " +
      "certificate, or legacy TLS lets a man in the middle read or steal them.",
    remediation:
      "Serve the client API only over https with a certificate from a trusted CA, renewed well before notAfter, and " +
      "disable TLS versions below the policy's minimum at the proxy.",
    controls: TRANSPORT_ENCRYPTION,
    expectation: "https, trusted and current certificate, no legacy TLS",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    if (new URL(hs.publicBaseUrl).protocol !== "https:") {
      return [
        result(subject, true, "The client API is served over plain http: tokens and metadata travel in cleartext", { scheme: "http" }),
      ];
    }
    const tls = hs.tls;
    if (!tls) return [unknown(subject, "The client API's TLS was not probed (see the scan's errors)")];
    const leaf = tls.chain[0];
    const { modern, tls12, tls11 } = tls.probes;
    if (!leaf) return [unknown(subject, `No TLS handshake completed (${modern.outcome}: ${modern.error ?? "no detail"})`, { modern })];
    const { minTlsVersion, certExpiryWarningDays } = ctx.policy.homeserver;
    const problems: string[] = [];
    if (!leaf.trusted) problems.push(`certificate not trusted by the ${tls.trustAnchors} roots: ${leaf.trustError ?? "no reason"}`);
    const left = new Date(leaf.notAfter).getTime() - ctx.now.getTime();
    if (left <= 0) problems.push(`certificate expired ${leaf.notAfter}`);
    else if (left <= certExpiryWarningDays * DAY)
      problems.push(`certificate expires ${leaf.notAfter}, within ${certExpiryWarningDays} days`);
    for (const a of [tls12, tls11]) {
      if (accepted(a) && ORDER.indexOf(a.protocol) < ORDER.indexOf(minTlsVersion))
        problems.push(`accepts ${a.protocol}, below ${minTlsVersion}`);
    }
    const evidence = {
      subject: leaf.subject,
      issuer: leaf.issuer,
      notAfter: leaf.notAfter,
      trusted: leaf.trusted,
      trustAnchors: tls.trustAnchors,
      protocol: modern.protocol ?? null,
      tls12: tls12?.protocol ?? tls12?.outcome ?? null,
      tls11: tls11?.protocol ?? tls11?.outcome ?? null,
    };
    const healthy = `${modern.protocol ?? "TLS"}, trusted certificate valid until ${leaf.notAfter}, nothing below ${minTlsVersion}`;
    const detail = problems.length ? problems.join("; ") : healthy;
    return [result(subject, problems.length > 0, detail, evidence)];
  },
};
