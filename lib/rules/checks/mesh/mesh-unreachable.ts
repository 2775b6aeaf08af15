/**
 * MESH-UNREACHABLE — a registered endpoint did not answer: connection refused,
 * name not resolving, or accepted TCP but stayed silent through the handshake
 * timeout (a tarpit is as dead as a closed port). Subject: the endpoint (host:port).
 */
import type { Check } from "../../types";
import { endpointsOf, endpointSubject } from "./observed";
import { result } from "../result";

export const meshUnreachable: Check = {
  meta: {
    id: "MESH-UNREACHABLE",
    title: "Registered endpoint did not answer",
    severity: "medium",
    area: "mesh",
    risk: "A dead or vanished agent is a blind spot: nothing about its certificate or TLS configuration can be verified, and a silently replaced agent looks the same.",
    remediation:
      "Check whether the agent is meant to be running; restart it or remove it from the registry through the change procedure, and confirm the registered host:port is correct.",
    controls: [
      { framework: "SOC2", id: "CC7.1" },
      { framework: "SOC2", id: "CC7.2" },
      { framework: "HIPAA", id: "164.312(b)" },
      { framework: "ISO27001", id: "A.8.16" },
    ],
    expectation: "Answers on its port",
    alsoJudgedBy: [],
  },
  run(ctx) {
    return endpointsOf(ctx).map((e) =>
      result(endpointSubject(e), !e.reachable, e.reachable ? "Endpoint answered" : `Endpoint did not answer: ${e.error ?? "no detail"}`, {
        reachable: e.reachable,
        error: e.error ?? null,
        withClientCert: e.probes.withClientCert ?? null,
      }),
    );
  },
};
