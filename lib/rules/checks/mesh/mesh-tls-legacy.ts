/**
 * MESH-TLS-LEGACY — the endpoint completed a handshake at a TLS version below
 * policy.mesh.minTlsVersion (probes capped at 1.2 and at 1.1/1.0, plus the version
 * negotiated with the auditor certificate). A capped failure counts as a refusal only
 * when the uncapped request with the same credentials was served (verdicts.ts).
 * Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointSubject, tlsEndpoints, unexaminedEndpoints } from "./observed";
import { legacyVerdict } from "./verdicts";

export const meshTlsLegacy: Check = {
  meta: {
    id: "MESH-TLS-LEGACY",
    title: "Endpoint accepts a TLS version below policy",
    severity: "high",
    area: "mesh",
    risk: "A downgrade-capable endpoint lets a man in the middle on internal calls steer peers to weaker protocol versions and cipher suites than the mesh is designed for.",
    remediation:
      "Set the listener's minimum protocol to the policy version (nginx: ssl_protocols TLSv1.3; HAProxy: ssl-min-ver TLSv1.3; Caddy: protocols tls1.3; stunnel: sslVersionMin = TLSv1.3; Node: minVersion: 'TLSv1.3') and re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "HIPAA", id: "164.312(e)(2)(ii)" },
      { framework: "ISO27001", id: "A.8.24" },
      { framework: "ISO27001", id: "A.8.9" },
    ],
    expectation: "No handshake below the policy minimum",
    alsoJudgedBy: ["testssl.sh", "sslscan"],
  },
  run(ctx) {
    const min = ctx.policy.mesh.minTlsVersion;
    const seen = tlsEndpoints(ctx).map((e) => {
      const { withClientCert, withoutClientCert, tls12, tls11 } = e.probes;
      // The capped attempts present the auditor's certificate when there is one, so that is their reference.
      const reference = withClientCert ?? withoutClientCert;
      const v = legacyVerdict(
        reference,
        [
          ["tls12", tls12],
          ["tls11", tls11],
        ],
        min,
      );
      return {
        subject: endpointSubject(e),
        status: v.status,
        detail: v.detail,
        evidence: { minTlsVersion: min, reference: reference ?? null, tls12: tls12 ?? null, tls11: tls11 ?? null },
      };
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
