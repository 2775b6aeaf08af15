/**
 * MESH-PLAINTEXT — a plain HTTP request on the endpoint's port got an HTTP
 * status line back (cleartext served next to, or instead of, TLS). Examined:
 * every reachable endpoint, including ones where no TLS handshake completed.
 * Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointsOf, endpointSubject } from "./observed";
import { result } from "../result";

export const meshPlaintext: Check = {
  meta: {
    id: "MESH-PLAINTEXT",
    title: "Endpoint answers plain HTTP",
    severity: "critical",
    area: "mesh",
    risk: "Cleartext agent traffic can be read and altered by anyone on the path and carries no peer identity, bypassing both mTLS and the transport encryption the mesh promises.",
    remediation: "Disable the cleartext listener or protocol sniffing on this port so it speaks only TLS with client certificates, then re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "SOC2", id: "CC6.6" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "HIPAA", id: "164.312(e)(2)(ii)" },
      { framework: "HIPAA", id: "164.312(c)(1)" },
      { framework: "ISO27001", id: "A.8.20" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
  },
  run(ctx) {
    return endpointsOf(ctx).flatMap((e) => {
      const attempt = e.probes.plainHttp;
      if (!e.reachable || !attempt) return [];
      const answered = attempt.outcome === "ok" && attempt.httpStatus !== undefined;
      const detail = answered
        ? `Plain HTTP request answered with HTTP ${attempt.httpStatus}`
        : `Plain HTTP request not answered (${attempt.outcome}: ${attempt.error ?? "no detail"})`;
      return [result(endpointSubject(e), answered, detail, { plainHttp: attempt })];
    });
  },
};
