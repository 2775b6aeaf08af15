/**
 * MESH-CERT-LIFETIME — notAfter - notBefore is longer than policy.mesh.maxCertLifetimeHours
 * (exactly the maximum passes). Subjects follow observed.ts: endpoint leaf →
 * endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import { certEvidence, humanDuration, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

const H = 3600e3;

export const meshCertLifetime: Check = {
  meta: {
    id: "MESH-CERT-LIFETIME",
    title: "Certificate lifetime longer than policy",
    severity: "medium",
    area: "mesh",
    risk: "A long-lived certificate turns one stolen agent key into long-term access, because the mesh has no working revocation and relies on short expiry instead.",
    remediation:
      "Issue agent certificates with a TTL at or below the policy maximum (e.g. SPIRE x509_svid_ttl, Vault PKI role max_ttl, cert-manager duration) and automate their renewal.",
    controls: [
      { framework: "SOC2", id: "CC6.1" },
      { framework: "HIPAA", id: "164.312(d)" },
      { framework: "ISO27001", id: "A.5.17" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Lifetime within policy",
    alsoJudgedBy: [],
  },
  run(ctx) {
    const maxMs = ctx.policy.mesh.maxCertLifetimeHours * H;
    const seen = observedCertificates(ctx).map(({ subject, cert }) => {
      const lifetime = Date.parse(cert.notAfter) - Date.parse(cert.notBefore);
      const tooLong = lifetime > maxMs;
      const detail = tooLong
        ? `Certificate lifetime ${humanDuration(lifetime)} exceeds the ${humanDuration(maxMs)} policy maximum`
        : `Certificate lifetime ${humanDuration(lifetime)} is within the ${humanDuration(maxMs)} maximum`;
      return result(subject, tooLong, detail, {
        ...certEvidence(cert),
        lifetimeHours: lifetime / H,
        maxCertLifetimeHours: ctx.policy.mesh.maxCertLifetimeHours,
      });
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
