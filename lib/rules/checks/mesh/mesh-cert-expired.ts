/**
 * MESH-CERT-EXPIRED — the certificate's notAfter is in the past.
 * Subjects follow observed.ts: endpoint leaf → endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import { certEvidence, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

export const meshCertExpired: Check = {
  meta: {
    id: "MESH-CERT-EXPIRED",
    title: "Certificate has expired",
    severity: "critical",
    area: "mesh",
    risk: "Peers that still accept an expired certificate have stopped checking validity, which is how a stolen, never-revoked agent key stays usable forever.",
    remediation:
      "Reissue the certificate from the mesh CA (or let the issuer's agent, e.g. SPIRE or cert-manager, renew it), reload the endpoint, and find out why automatic renewal did not run.",
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
      // Absolute times only: the text is stored, and "1 h ago" would be wrong an hour later. Pages render the
      // timestamp as a live relative time (components/ui/detail-text.tsx).
      const detail = expired ? `Certificate expired ${cert.notAfter}` : `Certificate valid until ${cert.notAfter}`;
      return result(subject, expired, detail, { ...certEvidence(cert), now: ctx.now.toISOString() });
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
