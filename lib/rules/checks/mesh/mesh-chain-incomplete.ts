/**
 * MESH-CHAIN-INCOMPLETE — the endpoint's leaf validates to the configured CA only
 * with an intermediate the server did not send (Vigil knew it from the bundle or
 * the auditor's own certificate file). testssl.sh calls this "chain incomplete":
 * peers holding only the root, as Vault PKI, cert-manager and SPIRE deployments
 * do, fail the handshake. Distinct from MESH-CERT-UNTRUSTED: the issuer is right,
 * the server's configuration is not. Untrusted leaves are unknown here (no chain
 * to the CA to judge). Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { certEvidence, endpointSubject, tlsEndpoints, unexaminedEndpoints } from "./observed";
import { result, unknown } from "../result";

export const meshChainIncomplete: Check = {
  meta: {
    id: "MESH-CHAIN-INCOMPLETE",
    title: "Endpoint does not send its intermediate certificates",
    severity: "medium",
    area: "mesh",
    risk: "Peers that trust only the root cannot build the chain and fail to connect; the usual hurried fix is to disable verification or pin the leaf.",
    remediation:
      "Serve the full chain (leaf, then every intermediate; not the root): nginx ssl_certificate and Caddy's cert file hold the chain, HAProxy's crt PEM holds leaf + intermediates, stunnel's cert = full chain, Node: cert = leaf + intermediates. Then re-scan.",
    controls: [
      { framework: "SOC2", id: "CC6.7" },
      { framework: "HIPAA", id: "164.312(e)(1)" },
      { framework: "ISO27001", id: "A.8.24" },
    ],
    expectation: "Server sends every intermediate",
    alsoJudgedBy: ["testssl.sh"],
  },
  run(ctx) {
    const seen = tlsEndpoints(ctx).map((e) => {
      const leaf = e.chain[0]!;
      const subject = endpointSubject(e);
      const evidence = { ...certEvidence(leaf), sent: e.chain.map((c) => c.subject), missingIssuer: leaf.missingIssuer ?? null };
      if (!leaf.trusted || leaf.chainComplete === undefined) {
        return unknown(subject, `No chain to the configured CA to judge (${leaf.trustError ?? "not recorded"})`, evidence);
      }
      const detail = leaf.chainComplete
        ? `Sends ${e.chain.length} certificate(s), enough to reach the configured CA`
        : `Sends ${e.chain.length} certificate(s) but not "${leaf.missingIssuer ?? "its issuer"}": peers with only the root cannot validate it`;
      return result(subject, !leaf.chainComplete, detail, evidence);
    });
    return [...seen, ...unexaminedEndpoints(ctx)];
  },
};
