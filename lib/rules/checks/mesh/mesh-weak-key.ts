/**
 * MESH-WEAK-KEY — RSA/DSA key below policy.mesh.minRsaBits, EC key below
 * minEcBits, an undeterminable key, or an MD5/SHA-1 signature. Subjects follow
 * observed.ts: endpoint leaf → endpoint host:port; tracked file → certificate fingerprint.
 */
import type { Check } from "../../types";
import type { CertFacts } from "../../../snapshot/types";
import type { Policy } from "../../../policy/types";
import { certEvidence, observedCertificates, unexaminedEndpoints } from "./observed";
import { result } from "../result";

function weakness(c: CertFacts, p: Policy["mesh"]): string | undefined {
  if (c.signatureAlgorithm && /md5|sha1/i.test(c.signatureAlgorithm)) return `signed with ${c.signatureAlgorithm}`;
  const t = c.keyType;
  if (t === "ed25519" || t === "ed448") return undefined;
  if (!t || c.keyBits === undefined) return `key type/size could not be determined (${t ?? "unknown"})`;
  if ((t === "rsa" || t === "rsa-pss" || t === "dsa") && c.keyBits < p.minRsaBits)
    return `${t.toUpperCase()} ${c.keyBits}-bit key, policy minimum ${p.minRsaBits}`;
  if (t === "ec" && c.keyBits < p.minEcBits) return `EC ${c.keyBits}-bit key, policy minimum ${p.minEcBits}`;
  return undefined;
}

export const meshWeakKey: Check = {
  meta: {
    id: "MESH-WEAK-KEY",
    title: "Weak certificate key or signature",
    severity: "medium",
    area: "mesh",
    risk: "A key or signature that can be factored or forged lets an attacker impersonate the agent without ever stealing its key.",
    remediation:
      "Reissue the certificate with an EC P-256 (or Ed25519) or RSA >= 2048-bit key and a SHA-256+ signature, and raise the issuer's minimum key size so it cannot recur.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "HIPAA", id: "164.312(e)(2)(ii)" },
      { framework: "HIPAA", id: "164.312(a)(2)(iv)" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Key and signature at policy strength",
    alsoJudgedBy: ["testssl.sh", "sslscan"],
  },
  run(ctx) {
    const seen = observedCertificates(ctx).map(({ subject, cert }) => {
      const why = weakness(cert, ctx.policy.mesh);
      const detail = why
        ? `Weak certificate: ${why}`
        : `${(cert.keyType ?? "").toUpperCase()} ${cert.keyBits}-bit key, ${cert.signatureAlgorithm ?? "unknown"} signature`;
      return result(subject, !!why, detail, {
        ...certEvidence(cert),
        keyType: cert.keyType ?? null,
        keyBits: cert.keyBits ?? null,
        signatureAlgorithm: cert.signatureAlgorithm ?? null,
      });
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
