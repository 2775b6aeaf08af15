import type { Policy } from "../policy/types";
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
  registry: Registry;
  policy: Policy;
}
