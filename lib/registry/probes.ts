/**
 * Opt-in conformance probes, declared per agent in the registry (issue #18). Nothing is probed that is not declared
 * here: an agent without `probes` receives no signed request from Vigil. The registry is not secret (it is stored as
 * YAML, diffed and shown), so it names credentials (the prober's HMAC secret, Ed25519 key, capability tokens) by a name
 * that vigil.config.yaml's `conformance.credentials` resolves from files; their values never appear here.
 */
import { z } from "zod";

export const MESSAGE_FORMATS = ["hmac-headers", "signed-envelope"] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

const HttpMethod = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** Printable ASCII without spaces: the path goes onto the request line verbatim. */
const RequestPath = z
  .string()
  .max(512)
  .regex(/^\/[\x21-\x7e]*$/, "must be a path starting with /, printable ASCII, no spaces");
const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be an HTTP header name (letters, digits, -)");
const CredentialName = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must name a credential in vigil.config.yaml conformance.credentials");
const SenderId = z.string().regex(/^[\x21-\x7e]{1,128}$/, "must be printable ASCII without spaces (it travels in a header)");

const Request = z.object({ method: HttpMethod.default("POST"), path: RequestPath }).strict();

/** A capability token Vigil presents on every probe, and one request it must NOT grant. */
export const CapabilityDecl = z
  .object({
    header: HeaderName.default("X-Capability-Token"),
    /** Credential holding the token (a bearer secret), issued for `scopes` only. */
    token: CredentialName,
    scopes: z.array(z.string().min(1)).min(1),
    /** Side-effect-free request that needs `scope`, a scope the token does not carry: the agent must refuse it. */
    outOfScope: Request.extend({ scope: z.string().min(1) }).strict(),
  })
  .strict()
  .refine((c) => !c.scopes.includes(c.outOfScope.scope), { message: "outOfScope.scope must not be one of the token's scopes" });
export type CapabilityDecl = z.infer<typeof CapabilityDecl>;

/** Signed requests: reference 004's HMAC headers, or reference 002's Ed25519 envelopes (with a nonce). */
export const MessageProbeDecl = z
  .object({
    format: z.enum(MESSAGE_FORMATS),
    /** A side-effect-free request the agent answers 2xx when it accepts the message: the canary. */
    canary: Request,
    /** How old (seconds) a message may be, as the agent claims. The stale probe is sent just older than this. */
    freshnessSeconds: z.int().min(1).max(86_400),
    /** How far in the future a timestamp may be (clock skew the agent tolerates). The future probe goes just beyond. */
    futureSkewSeconds: z.int().min(0).max(300).default(2),
    /** The sender id Vigil signs as; the agent must know it, as the mesh knows the auditor's certificate. */
    senderId: SenderId,
    /** signed-envelope: the key id the agent looks Vigil's public key up by (reference 002's `publicKey`). */
    keyId: SenderId.optional(),
    /** The prober identity: an HMAC secret (hmac-headers) or an Ed25519 private key (signed-envelope). */
    credential: CredentialName,
    capability: CapabilityDecl.optional(),
  })
  .strict();
export type MessageProbeDecl = z.infer<typeof MessageProbeDecl>;

const PublicKeyPem = z.string().regex(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, "must be a PEM public key (SPKI)");

/** An A2A agent card at /.well-known/agent-card.json, JWS-signed over RFC 8785 canonical JSON by a declared key. */
export const AgentCardProbeDecl = z
  .object({
    keys: z.array(z.object({ kid: z.string().min(1).max(256), publicKeyPem: PublicKeyPem }).strict()).min(1),
    /** Larger cards are not read (a hostile agent must not make Vigil buffer megabytes). */
    maxBytes: z.int().min(256).max(1_048_576).default(65_536),
  })
  .strict();
export type AgentCardProbeDecl = z.infer<typeof AgentCardProbeDecl>;

export const ProbesDecl = z
  .object({
    messages: MessageProbeDecl.optional(),
    agentCard: AgentCardProbeDecl.optional(),
    /** Scheduled scans send these probes only when true; a scan started by a person (or the CLI) always does. */
    scheduled: z.boolean().default(false),
  })
  .strict();
export type ProbesDecl = z.infer<typeof ProbesDecl>;
