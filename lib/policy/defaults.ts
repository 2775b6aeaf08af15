import type { Policy } from "./types";

/** Vigil's defaults: what a careful team would accept with no policy file at all. */
export const DEFAULT_POLICY: Policy = {
  matrix: {
    allowedAlgorithms: ["m.megolm.v1.aes-sha2"],
    maxRotationPeriodMs: 7 * 24 * 3600 * 1000, // a week
    maxRotationPeriodMsgs: 100,
    weakestHistoryVisibility: "shared",
    staleDeviceDays: 30,
    feedbackLoop: { minAlternations: 20, windowSeconds: 300 },
    roomScope: "with-agents",
    allowedMembers: [],
  },
  mesh: {
    minTlsVersion: "TLSv1.3",
    maxCertLifetimeHours: 24,
    expiryWarningHours: 0, // off: the lifetime share alone decides (see policy.example.yaml)
    expiryWarningLifetimeShare: 0.8,
    minRsaBits: 2048,
    minEcBits: 256,
    probeTimeoutMs: 3000,
    concurrency: 64,
  },
  registry: {
    agentLocalpartPattern: "^(agent|bot)[-_.]",
    requiredE2eeModes: ["required"],
  },
  severities: {},
};
