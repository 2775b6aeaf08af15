/**
 * MESH-CERT-UNTRUSTED — the chain does not validate to the configured mesh CA
 * (validated by the prober against that bundle only, never system roots; dates
 * are left to the expiry checks). Subjects follow observed.ts: endpoint leaf →
 * endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import { certEvidence, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

export const meshCertUntrusted: Check = {
  meta: {
    id: "MESH-CERT-UNTRUSTED",
    title: "Certificate does not chain to the mesh CA",
    severity: "critical",
    area: "mesh",
    risk: "A certificate from another CA means either a man in the middle on an internal call or peers that accept any issuer, so the mesh identity proves nothing.",
    remediation:
      "Find who issued this certificate (compare issuer and key with the mesh CA), replace it with one issued by the mesh CA, and make sure peers trust only the mesh CA bundle, not system roots.",
    controls: [
      { framework: "SOC2", id: "CC6.1" },
      { framework: "SOC2", id: "CC6.7" },
      { framework: "HIPAA", id: "164.312(d)" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Chain validates to the configured CA",
    alsoJudgedBy: ["testssl.sh"],
  },
  run(ctx) {
    const seen = observedCertificates(ctx).map(({ subject, cert }) => {
      const detail = cert.trusted
        ? `Chain validates to the configured mesh CA (issuer ${cert.issuer})`
        : `Chain does not validate to the configured mesh CA: ${cert.trustError ?? "no reason recorded"}`;
      return result(subject, !cert.trusted, detail, { ...certEvidence(cert), trusted: cert.trusted, trustError: cert.trustError ?? null });
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
