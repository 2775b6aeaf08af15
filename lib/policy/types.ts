import type { Severity } from "../rules/types";
import type { TlsVersion } from "../snapshot/types";

/** Thresholds for every check. Defaults in ./defaults.ts, each documented there. */
export interface Policy {
  matrix: {
    allowedAlgorithms: string[];
    maxRotationPeriodMs: number;
    maxRotationPeriodMsgs: number;
    /** Weakest acceptable history_visibility, from strongest: joined < invited < shared < world_readable. */
    weakestHistoryVisibility: "joined" | "invited" | "shared" | "world_readable";
    staleDeviceDays: number;
    /** Feedback loop: at least this many alternations between two agents within the window. */
    feedbackLoop: { minAlternations: number; windowSeconds: number };
    /** Which rooms are "in scope": every room, or only rooms with at least one registered agent. */
    roomScope: "all" | "with-agents";
    /** Matrix user ids allowed in agent rooms besides agents; merged with the registry's allowedMembers. */
    allowedMembers: string[];
  };
  mesh: {
    minTlsVersion: TlsVersion;
    maxCertLifetimeHours: number;
    /**
     * MESH-CERT-EXPIRING when remaining <= max(expiryWarningHours, (1 - share) * lifetime): either
     * threshold opens the window. Defaults (0 h, 0.8): a 24 h cert warns in its last 4.8 h.
     */
    expiryWarningHours: number;
    expiryWarningLifetimeShare: number;
    minRsaBits: number;
    minEcBits: number;
    probeTimeoutMs: number;
    concurrency: number;
  };
  registry: {
    /**
     * REG-UNDECLARED-USER: a user on the server whose localpart matches this
     * regular expression (case-insensitive) but who is not a declared agent.
     */
    agentLocalpartPattern: string;
    /** MATRIX_E2EE_MODE values that count as "encryption required" (REG-E2EE-NOT-REQUIRED). */
    requiredE2eeModes: string[];
  };
  /** Per-check severity overrides, by check id. */
  severities: Record<string, Severity>;
}
