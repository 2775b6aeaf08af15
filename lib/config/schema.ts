/**
 * The shape of Vigil's connection settings, whichever way they arrive:
 * vigil.config.yaml, the Settings page, or environment variables. Unknown keys
 * are errors — a misspelt key silently ignored is a check silently skipped.
 */
import { z } from "zod";

const HostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "must be host:port, e.g. 10.0.0.5:8443")
  .refine((s) => Number(s.slice(s.lastIndexOf(":") + 1)) <= 65535, "port must be 1–65535");

export const HomeserverInput = z
  .object({
    baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://matrix.example.org" }),
    /** The auditor's access token. Or user + password, used once to obtain one. */
    accessToken: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  })
  .strict();
export type HomeserverInput = z.infer<typeof HomeserverInput>;

export const MeshEndpoint = z
  .object({
    endpoint: HostPort,
    agent: z.string().min(1).optional(),
    spiffeId: z.string().startsWith("spiffe://", "must start with spiffe://").optional(),
  })
  .strict();
export type MeshEndpoint = z.infer<typeof MeshEndpoint>;

/** Each endpoint once: a scan records one row per endpoint, so a repeated one would fail the scan at its record. */
const MeshEndpoints = z
  .array(MeshEndpoint)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.endpoint)) ctx.addIssue({ code: "custom", path: [i, "endpoint"], message: `${e.endpoint} is listed twice` });
      seen.add(e.endpoint);
    });
  });

/** PEM text, as pasted in Settings or read from the files the config names. */
export const MeshInput = z
  .object({
    caPem: z.string().min(1),
    clientCertPem: z.string().min(1),
    clientKeyPem: z.string().min(1).optional(),
    endpoints: MeshEndpoints,
    /** PEM files or directories to track for expiry (cert-manager, Vault, SPIRE output). */
    certificatePaths: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type MeshInput = z.infer<typeof MeshInput>;

/** One conformance credential: exactly one file, whose kind says how the prober uses it. */
export const ConformanceCredentialFile = z.union([
  z.object({ hmacSecretFile: z.string().min(1) }).strict(),
  z.object({ ed25519KeyFile: z.string().min(1) }).strict(),
  z.object({ tokenFile: z.string().min(1) }).strict(),
]);

/** A conformance credential as read: an HMAC secret, an Ed25519 private key (PKCS#8 PEM), or a capability token. */
export interface ProberCredential {
  kind: "hmac-secret" | "ed25519-key" | "token";
  value: string;
}

/** vigil.config.yaml: mesh PEMs by path, so rotated files are re-read. */
export const ConfigFile = z
  .object({
    homeserver: HomeserverInput.extend({ accessTokenFile: z.string().min(1).optional() })
      .strict()
      .optional(),
    mesh: z
      .object({
        caFile: z.string().min(1),
        clientCertFile: z.string().min(1),
        clientKeyFile: z.string().min(1),
        endpoints: MeshEndpoints,
        certificatePaths: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Agent registry file(s) (YAML), relative to the config file; merged by agent name. */
    registry: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    /** Agents' env/profile files, or directories of *.env files, relative to the config file (REG-* checks). */
    agentProfiles: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    /**
     * The homeserver's own posture (HS-* checks): its public URL is probed from outside, unauthenticated. Without
     * this section no probe is sent. Paths are relative to the config file; homeserver.yaml is re-read every scan.
     */
    homeserverPosture: z
      .object({
        publicBaseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://matrix.example.org" }),
        federationUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://matrix.example.org:8448" }).optional(),
        configFile: z.string().min(1).optional(),
        caFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Conformance probes' credentials (issue #18), by the names the registry's `probes` use; each value from a file
     * relative to the config file, like every other secret. Without a credential its probes are not sent.
     */
    conformance: z
      .object({ credentials: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), ConformanceCredentialFile).default({}) })
      .strict()
      .optional(),
    /** Policy file (YAML), relative to the config file. */
    policy: z.string().min(1).optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;
