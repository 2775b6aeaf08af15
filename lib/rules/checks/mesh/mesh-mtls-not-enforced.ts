/**
 * MESH-MTLS-NOT-ENFORCED — decided by difference (verdicts.ts mtlsVerdict): the same
 * `GET /` with the auditor's certificate and without one. Refused at the TLS layer, or
 * at the HTTP layer while the certified request is served (nginx `ssl_verify_client on`),
 * is enforced; the same answer either way is not. Both refused (the auditor's own
 * certificate rejected) is unknown. Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointSubject, tlsEndpoints, unexaminedEndpoints } from "./observed";
import { mtlsVerdict } from "./verdicts";

export const meshMtlsNotEnforced: Check = {
  meta: {
    id: "MESH-MTLS-NOT-ENFORCED",
    title: "Endpoint serves requests without a client certificate",
    severity: "critical",
    area: "mesh",
    risk: "Anyone who can reach the port — including an attacker pivoting from another compromised host — can call the agent without proving a mesh identity.",
    remediation:
      "Require and verify client certificates against the mesh CA on this listener (nginx: ssl_verify_client on; HAProxy: verify required; Caddy: client_auth mode require_and_verify; Node: requestCert and rejectUnauthorized; Envoy: require_client_certificate), then re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.1" },
      { framework: "SOC2", id: "CC6.6" },
      { framework: "HIPAA", id: "164.312(d)" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.20" },
      { framework: "ISO27001", id: "A.5.17" },
    ],
    expectation: "Refused without a client certificate",
    alsoJudgedBy: [],
  },
  run(ctx) {
    const seen = tlsEndpoints(ctx).map((e) => {
      const { withClientCert, withoutClientCert } = e.probes;
      const v = mtlsVerdict(withClientCert, withoutClientCert);
      const evidence = { layer: v.layer ?? null, withClientCert: withClientCert ?? null, withoutClientCert: withoutClientCert ?? null };
      return { subject: endpointSubject(e), status: v.status, detail: v.detail, evidence };
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
