/**
 * MESH-MTLS-NOT-ENFORCED — a real HTTP request over TLS *without* a client
 * certificate got an HTTP status line back. In TLS 1.3 the server rejects a
 * missing certificate only after the client's handshake finished, so the
 * prober's verdict rests on the request, not the handshake. Any status counts
 * (a 401 is application auth, not mTLS). Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointSubject, tlsEndpoints } from "./observed";
import { result } from "../result";

export const meshMtlsNotEnforced: Check = {
  meta: {
    id: "MESH-MTLS-NOT-ENFORCED",
    title: "Endpoint serves requests without a client certificate",
    severity: "critical",
    area: "mesh",
    risk: "Anyone who can reach the port — including an attacker pivoting from another compromised host — can call the agent without proving a mesh identity.",
    remediation: "Require and verify client certificates against the mesh CA on this listener (Node: requestCert: true, rejectUnauthorized: true, ca: <mesh CA>; Envoy: require_client_certificate: true), then re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.1" },
      { framework: "SOC2", id: "CC6.6" },
      { framework: "HIPAA", id: "164.312(d)" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.20" },
      { framework: "ISO27001", id: "A.5.17" },
    ],
  },
  run(ctx) {
    return tlsEndpoints(ctx).flatMap((e) => {
      const attempt = e.probes.withoutClientCert;
      if (!attempt) return [];
      const served = attempt.outcome === "ok" && attempt.httpStatus !== undefined;
      const detail = served
        ? `Request without a client certificate was answered with HTTP ${attempt.httpStatus} over ${attempt.protocol ?? "TLS"}`
        : `Request without a client certificate was not served (${attempt.outcome}: ${attempt.error ?? "no detail"})`;
      return [result(endpointSubject(e), served, detail, { withoutClientCert: attempt })];
    });
  },
};
