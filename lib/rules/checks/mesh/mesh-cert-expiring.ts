/**
 * MESH-CERT-EXPIRING — notAfter falls inside the warning window, which opens when
 * EITHER threshold is reached (whichever comes first):
 *   remaining <= max(expiryWarningHours, (1 - expiryWarningLifetimeShare) * lifetime)
 * so with 72 h and 0.8 a 24 h cert warns in its last 72 h... of 24 h, i.e. always — set
 * the hours low for short-lived certs. "Warn at 80 % of the lifetime or with 2 h left,
 * whichever comes first" is expiryWarningHours: 2, expiryWarningLifetimeShare: 0.8.
 * Already-expired certificates are not examined here (MESH-CERT-EXPIRED owns them).
 * Subjects follow observed.ts: endpoint leaf → endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import { certEvidence, humanDuration, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

const H = 3600e3;

export const meshCertExpiring: Check = {
  meta: {
    id: "MESH-CERT-EXPIRING",
    title: "Certificate expires soon",
    severity: "high",
    area: "mesh",
    risk: "When renewal fails silently the agent drops off the mesh at expiry, and the usual emergency fix is to disable verification — a lasting hole made in a hurry.",
    remediation:
      "Renew the certificate now and check the renewal job (SPIRE agent, cert-manager Certificate, Vault PKI role TTL) that should have renewed it before this window.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "SOC2", id: "CC7.1" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Outside the expiry warning window",
    alsoJudgedBy: ["testssl.sh", "sslscan"],
  },
  run(ctx) {
    const p = ctx.policy.mesh;
    const now = ctx.now.getTime();
    const seen = observedCertificates(ctx).flatMap(({ subject, cert }) => {
      const notAfter = Date.parse(cert.notAfter);
      const left = notAfter - now;
      if (left <= 0) return [];
      const lifetime = Math.max(0, notAfter - Date.parse(cert.notBefore));
      // lifetime - share*lifetime, not (1 - share)*lifetime: 1 - 0.8 is 0.19999… and would miss the boundary by a rounding error.
      const windowMs = Math.max(p.expiryWarningHours * H, lifetime - p.expiryWarningLifetimeShare * lifetime);
      const expiring = left <= windowMs;
      // The expiry as an absolute time (pages render it live): "expires in 49 min" is stored, and false an hour later.
      const detail = expiring
        ? `Certificate expires ${cert.notAfter} (warning window ${humanDuration(windowMs)})`
        : `Certificate expires ${cert.notAfter}, outside the ${humanDuration(windowMs)} warning window`;
      return [
        result(subject, expiring, detail, {
          ...certEvidence(cert),
          now: ctx.now.toISOString(),
          remainingHours: left / H,
          warningWindowHours: windowMs / H,
        }),
      ];
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
