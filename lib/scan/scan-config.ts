import type { Policy } from "../policy/types";
import type { ProberCredential } from "../config/schema";
import type { Registry } from "../registry/types";

/**
 * Everything one scan needs, secrets included, resolved from wherever they
 * live (the database for the web app, the config file for the CLI). Server-side only.
 */
export interface ScanConfig {
  homeserver?: { baseUrl: string; accessToken: string };
  mesh?: {
    caPem: string;
    clientCertPem: string;
    clientKeyPem: string;
    endpoints: { endpoint: string; agent?: string; spiffeId?: string }[];
    certificatePaths: string[];
  };
  /** HS-* checks: probe the public URL (and read homeserver.yaml) only when this is set. */
  homeserverPosture?: { publicBaseUrl: string; federationUrl?: string; configFile?: string; caPem?: string };
  /** Conformance probes' credentials by name (issue #18); the registry's `probes` say where they are used. */
  conformanceCredentials?: Record<string, ProberCredential>;
  /** A scheduled scan sends conformance probes only to agents that opt into it (`probes.scheduled`); default manual. */
  probeTrigger?: "manual" | "scheduled";
  registry: Registry;
  policy: Policy;
  /** Time limits, named in the errors they cause; defaults in collect-snapshot.ts (tests set small ones). */
  limits?: { requestMs?: number; scanMs?: number };
}
