/**
 * MESH-PLAINTEXT — a plain `GET /` on the endpoint's port, compared with what TLS serves
 * there (verdicts.ts plaintextVerdict): an "HTTP request to an HTTPS port" error page, a
 * redirect to https or a close is a refusal; the application's answer, or any answer from
 * a port where no TLS handshake completes, is cleartext served. Examined: every reachable
 * endpoint. Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointsOf, endpointSubject } from "./observed";
import { unknown } from "../result";
import { plaintextVerdict } from "./verdicts";

export const meshPlaintext: Check = {
  meta: {
    id: "MESH-PLAINTEXT",
    title: "Endpoint answers plain HTTP",
    severity: "critical",
    area: "mesh",
    risk: "Cleartext agent traffic can be read and altered by anyone on the path and carries no peer identity, bypassing both mTLS and the transport encryption the mesh promises.",
    remediation:
      "Disable the cleartext listener or protocol sniffing on this port so it speaks only TLS with client certificates, then re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "SOC2", id: "CC6.6" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "HIPAA", id: "164.312(e)(2)(ii)" },
      { framework: "HIPAA", id: "164.312(c)(1)" },
      { framework: "ISO27001", id: "A.8.20" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Plain HTTP refused",
    alsoJudgedBy: [],
  },
  run(ctx) {
    return endpointsOf(ctx).map((e) => {
      const subject = endpointSubject(e);
      if (!e.reachable) return unknown(subject, `Endpoint did not answer (${e.error ?? "no detail"})`, { reachable: false });
      const { plainHttp, withClientCert, withoutClientCert } = e.probes;
      const v = plaintextVerdict(plainHttp, withClientCert ?? withoutClientCert, e.chain.length > 0);
      return {
        subject,
        status: v.status,
        detail: v.detail,
        evidence: { plainHttp: plainHttp ?? null, tlsAnswer: withClientCert ?? withoutClientCert ?? null },
      };
    });
  },
};
