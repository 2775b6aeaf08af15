/**
 * MESH-IDENTITY-MISMATCH — the endpoint's leaf does not carry the identity the
 * registry declares for that agent (SPIFFE URI SAN, or a DNS SAN if the
 * registry names one). Expected identity: the probe's expectedIdentity, else
 * the registry agent whose endpoint matches. Subject: the endpoint (host:port).
 * Endpoints with no declared identity are not examined; declared ones whose
 * certificate was never seen are unknown.
 */
import type { Check } from "../../types";
import { certEvidence, endpointsOf, endpointSubject, tlsEndpoints, unexaminedEndpoints } from "./observed";
import { result } from "../result";

export const meshIdentityMismatch: Check = {
  meta: {
    id: "MESH-IDENTITY-MISMATCH",
    title: "Certificate identity differs from the registry",
    severity: "high",
    area: "mesh",
    risk: "An endpoint presenting another agent's (or an unknown) identity is either misrouted or impersonating that agent, and peers that authorise by SPIFFE id will grant it the wrong rights.",
    remediation:
      "Reissue the endpoint's certificate with the SPIFFE id registered for this agent (or correct the registry if the agent was renamed through the change procedure), and check that the endpoint address in the registry is right.",
    controls: [
      { framework: "SOC2", id: "CC6.1" },
      { framework: "HIPAA", id: "164.312(d)" },
      { framework: "ISO27001", id: "A.5.17" },
      { framework: "ISO27001", id: "A.8.20" },
    ],
    expectation: "Certificate carries the registered SPIFFE id",
    alsoJudgedBy: [],
  },
  run(ctx) {
    const expectedOf = (endpoint: string, declared?: string) =>
      declared ?? ctx.registry.agents.find((a) => a.endpoint === endpoint)?.spiffeId;
    const declared = new Set(
      endpointsOf(ctx)
        .filter((e) => expectedOf(e.endpoint, e.expectedIdentity))
        .map((e) => e.endpoint),
    );
    const seen = tlsEndpoints(ctx).flatMap((e) => {
      const expected = expectedOf(e.endpoint, e.expectedIdentity);
      if (!expected) return [];
      const leaf = e.chain[0]!;
      const matches = leaf.spiffeId === expected || leaf.sans.includes(`URI:${expected}`) || leaf.sans.includes(`DNS:${expected}`);
      const detail = matches
        ? `Certificate identity matches the registry (${expected})`
        : `Certificate presents ${leaf.spiffeId ?? "no SPIFFE id"}, registry expects ${expected}`;
      return [
        result(endpointSubject(e), !matches, detail, {
          ...certEvidence(leaf),
          expectedIdentity: expected,
          spiffeId: leaf.spiffeId ?? null,
          sans: leaf.sans,
        }),
      ];
    });
    return [...seen, ...unexaminedEndpoints(ctx).filter((r) => declared.has(r.subject.id))];
  },
};
