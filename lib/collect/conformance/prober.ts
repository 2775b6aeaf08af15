/**
 * The conformance prober (issue #18): for each endpoint whose agent declares probes in the registry, and only for
 * those, the signed-message probes and the agent-card fetch, over the mesh's mTLS as the auditor. It runs after the
 * mesh probe and uses its facts: nothing signed is sent to an endpoint whose certificate Vigil did not trust and match
 * to the registry. Bounded: a fixed number of requests per endpoint, a pause between them, one deadline per endpoint,
 * a few endpoints at a time.
 */
import { createPrivateKey } from "node:crypto";
import tls from "node:tls";
import type { ProberCredential } from "../../config/schema";
import type { MessageProbeDecl, ProbesDecl } from "../../registry/probes";
import type { EndpointConformance } from "../../snapshot/conformance";
import type { CollectError, EndpointFacts, MeshSnapshot } from "../../snapshot/types";
import { parseEndpoint } from "../mesh/endpoint-address";
import { errorText, parseCertificateBundle } from "../mesh/pem";
import { mapPool } from "../mesh/pool";
import { probeAgentCard } from "./agent-card";
import type { ProberKey } from "./build-requests";
import { probeMessages } from "./probe-messages";
import type { SendTarget } from "./send";

export interface ConformanceTarget {
  endpoint: string;
  agent?: string;
  expectedIdentity?: string;
  probes: ProbesDecl;
}

export interface ConformanceProberConfig {
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  targets: ConformanceTarget[];
  credentials: Record<string, ProberCredential>;
  /** A scheduled scan probes only agents whose declaration says `scheduled: true`. */
  trigger: "manual" | "scheduled";
  timeoutMs: number;
  /** Endpoints probed at once (each one's requests are sequential). */
  concurrency?: number;
  minIntervalMs?: number;
  endpointBudgetMs?: number;
}

export interface ConformanceSource {
  collect(mesh: MeshSnapshot, opts?: { signal?: AbortSignal }): Promise<{ conformance: EndpointConformance[]; errors: CollectError[] }>;
}

/** Why signed probes must not go to this endpoint now; undefined when they may. */
function untrustedReason(facts: EndpointFacts | undefined, expectedIdentity: string | undefined): string | undefined {
  if (!facts) return "the mesh probe did not examine this endpoint";
  const leaf = facts.chain[0];
  if (!facts.reachable || !leaf) return `no TLS handshake completed (${facts.error ?? "no detail"})`;
  if (!leaf.trusted) return `its certificate does not chain to the mesh CA (${leaf.trustError ?? "untrusted"})`;
  if (expectedIdentity && leaf.spiffeId !== expectedIdentity && !leaf.sans.includes(`URI:${expectedIdentity}`)) {
    return `its certificate presents ${leaf.spiffeId ?? "no SPIFFE id"}, not ${expectedIdentity}`;
  }
  return undefined;
}

function proberKey(decl: MessageProbeDecl, credentials: Record<string, ProberCredential>): ProberKey | string {
  const c = credentials[decl.credential];
  const want = decl.format === "hmac-headers" ? "hmac-secret" : "ed25519-key";
  if (!c) return `credential "${decl.credential}" is not configured (vigil.config.yaml conformance.credentials)`;
  if (c.kind !== want) return `credential "${decl.credential}" is a ${c.kind}, ${decl.format} needs a ${want}`;
  if (c.kind === "hmac-secret") return { kind: "hmac", secret: c.value };
  try {
    const key = createPrivateKey(c.value);
    if (key.asymmetricKeyType !== "ed25519") return `credential "${decl.credential}" is a ${key.asymmetricKeyType} key, not Ed25519`;
    return { kind: "ed25519", key };
  } catch (e) {
    return `credential "${decl.credential}" is not a readable private key (${errorText(e)})`;
  }
}

export function createConformanceProber(config: ConformanceProberConfig): ConformanceSource {
  return {
    async collect(mesh, opts = {}) {
      const errors: CollectError[] = [];
      let secureContext: tls.SecureContext;
      try {
        const intermediates = parseCertificateBundle(config.clientCertPem, "auditor client certificate")
          .slice(1)
          .filter((c) => c.ca);
        secureContext = tls.createSecureContext({
          cert: config.clientCertPem,
          key: config.clientKeyPem,
          minVersion: "TLSv1.2",
          ca: [config.caPem, ...intermediates.map((c) => c.toString())],
        });
      } catch (e) {
        const message = `auditor credentials unusable, no conformance probe sent: ${errorText(e)}`;
        errors.push({ source: "mesh", scope: "conformance", message });
        return { conformance: config.targets.map((t) => skippedAll(t, message)), errors };
      }
      const byEndpoint = new Map(mesh.endpoints.map((e) => [e.endpoint, e]));
      const conformance = await mapPool(config.targets, config.concurrency ?? 4, async (t): Promise<EndpointConformance> => {
        if (opts.signal?.aborted) return skippedAll(t, "scan aborted before this endpoint was probed");
        if (config.trigger === "scheduled" && !t.probes.scheduled) {
          return skippedAll(t, "scheduled scan: the registry does not opt this agent into scheduled probes (probes.scheduled)");
        }
        const facts = byEndpoint.get(t.endpoint);
        const refusal = untrustedReason(facts, t.expectedIdentity);
        if (refusal) return skippedAll(t, `not probed: ${refusal}`);
        const { host, port } = parseEndpoint(t.endpoint);
        const target: SendTarget = {
          host,
          port,
          secureContext,
          pinnedFingerprint: facts?.chain[0]?.fingerprint256 ?? "",
          timeoutMs: config.timeoutMs,
          ...(opts.signal ? { signal: opts.signal } : {}),
        };
        const out: EndpointConformance = { endpoint: t.endpoint, ...(t.agent ? { agent: t.agent } : {}) };
        if (t.probes.agentCard) out.card = await probeAgentCard(target, t.probes.agentCard);
        const decl = t.probes.messages;
        if (decl) {
          const key = proberKey(decl, config.credentials);
          const token = decl.capability ? config.credentials[decl.capability.token] : undefined;
          if (typeof key === "string") {
            errors.push({ source: "mesh", scope: `conformance ${t.endpoint}`, message: key });
            out.messages = skippedMessages(decl, key);
          } else if (decl.capability && token?.kind !== "token") {
            const why = `capability token credential "${decl.capability.token}" is not configured as a tokenFile`;
            errors.push({ source: "mesh", scope: `conformance ${t.endpoint}`, message: why });
            out.messages = skippedMessages(decl, why);
          } else {
            const budget = { minIntervalMs: config.minIntervalMs ?? 100, deadline: Date.now() + (config.endpointBudgetMs ?? 20_000) };
            out.messages = await probeMessages(target, decl, key, token?.value, budget);
          }
        }
        return out;
      });
      return { conformance, errors };
    },
  };
}

function skippedMessages(decl: MessageProbeDecl, why: string) {
  return {
    format: decl.format,
    senderId: decl.senderId,
    freshnessSeconds: decl.freshnessSeconds,
    futureSkewSeconds: decl.futureSkewSeconds,
    ...(decl.capability ? { outOfScope: decl.capability.outOfScope } : {}),
    skipped: why,
    probes: [],
  };
}

function skippedAll(t: ConformanceTarget, why: string): EndpointConformance {
  return {
    endpoint: t.endpoint,
    ...(t.agent ? { agent: t.agent } : {}),
    ...(t.probes.messages ? { messages: skippedMessages(t.probes.messages, why) } : {}),
    ...(t.probes.agentCard
      ? {
          card: {
            path: "/.well-known/agent-card.json",
            maxBytes: t.probes.agentCard.maxBytes,
            outcome: "error" as const,
            skipped: why,
            ms: 0,
          },
        }
      : {}),
  };
}
