/**
 * MESH-CERT-EXPIRED — the certificate's notAfter is in the past.
 * Subjects follow observed.ts: endpoint leaf → endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import { certEvidence, humanDuration, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

export const meshCertExpired: Check = {
  meta: {
    id: "MESH-CERT-EXPIRED",
    title: "Certificate has expired",
    severity: "critical",
    area: "mesh",
    risk: "Peers that still accept an expired certificate have stopped checking validity, which is how a stolen, never-revoked agent key stays usable forever.",
    remediation: "Reissue the certificate from the mesh CA (or let the issuer's agent, e.g. SPIRE or cert-manager, renew it), reload the endpoint, and find out why automatic renewal did not run.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "SOC2", id: "CC7.1" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Certificate within its validity period",
    alsoJudgedBy: ["testssl.sh", "sslscan"],
  },
  run(ctx) {
    const seen = observedCertificates(ctx).map(({ subject, cert }) => {
      const left = Date.parse(cert.notAfter) - ctx.now.getTime();
      const expired = left <= 0;
      const detail = expired
        ? `Certificate expired ${humanDuration(left)} ago (notAfter ${cert.notAfter})`
        : `Certificate valid until ${cert.notAfter} (${humanDuration(left)} left)`;
      return result(subject, expired, detail, { ...certEvidence(cert), now: ctx.now.toISOString() });
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
