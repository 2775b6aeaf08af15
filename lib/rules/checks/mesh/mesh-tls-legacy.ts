/**
 * MESH-TLS-LEGACY — the endpoint completed a handshake at a TLS version below
 * policy.mesh.minTlsVersion (probes capped at 1.2 and at 1.1/1.0, plus the
 * version negotiated with the auditor certificate). Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import type { ProbeAttempt, TlsVersion } from "../../../snapshot/types";
import { endpointSubject, tlsEndpoints } from "./observed";
import { result } from "../result";

const ORDER: readonly TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const rank = (v: TlsVersion) => ORDER.indexOf(v);

export const meshTlsLegacy: Check = {
  meta: {
    id: "MESH-TLS-LEGACY",
    title: "Endpoint accepts a TLS version below policy",
    severity: "high",
    area: "mesh",
    risk: "A downgrade-capable endpoint lets a man in the middle on internal calls steer peers to weaker protocol versions and cipher suites than the mesh is designed for.",
    remediation: "Set the listener's minimum protocol to the policy version (Node: minVersion: 'TLSv1.3'; nginx: ssl_protocols TLSv1.3; Envoy: tls_minimum_protocol_version: TLSv1_3) and re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "HIPAA", id: "164.312(e)(2)(ii)" },
      { framework: "ISO27001", id: "A.8.24" },
      { framework: "ISO27001", id: "A.8.9" },
    ],
  },
  run(ctx) {
    const min = ctx.policy.mesh.minTlsVersion;
    return tlsEndpoints(ctx).map((e) => {
      const attempts: [string, ProbeAttempt | undefined][] = [
        ["withClientCert", e.probes.withClientCert], ["tls12", e.probes.tls12], ["tls11", e.probes.tls11],
      ];
      const accepted = attempts
        .filter(([, a]) => a?.outcome === "ok" && a.protocol && rank(a.protocol) < rank(min))
        .map(([name, a]) => `${a!.protocol} (${name})`);
      const detail = accepted.length ? `Accepts ${accepted.join(", ")}; policy minimum is ${min}` : `No handshake below ${min} was accepted`;
      return result(endpointSubject(e), accepted.length > 0, detail, { minTlsVersion: min, probes: Object.fromEntries(attempts.filter(([, a]) => a)) });
    });
  },
};
