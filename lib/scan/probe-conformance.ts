import { createConformanceProber, type ConformanceTarget } from "../collect/conformance";
import type { CollectError, MeshSnapshot } from "../snapshot/types";
import type { ScanConfig } from "./scan-config";

/**
 * Sends the conformance probes the registry declares (issue #18), after the mesh probe whose trust verdicts they
 * depend on, and adds what they learnt to the mesh part. No declaration, no probe: an agent without `probes` in the
 * registry, or without an endpoint, receives nothing.
 */
export async function probeConformance(
  config: ScanConfig,
  mesh: MeshSnapshot,
  errors: CollectError[],
  /** The scan's time limit: probes in flight are cancelled when it passes. */
  signal?: AbortSignal,
): Promise<void> {
  if (!config.mesh) return;
  const declared = new Map(config.mesh.endpoints.map((e) => [e.endpoint, e]));
  const targets: ConformanceTarget[] = config.registry.agents.flatMap((a) => {
    if (!a.probes || !a.endpoint || (!a.probes.messages && !a.probes.agentCard)) return [];
    const spiffeId = declared.get(a.endpoint)?.spiffeId ?? a.spiffeId;
    return [{ endpoint: a.endpoint, agent: a.name, probes: a.probes, ...(spiffeId ? { expectedIdentity: spiffeId } : {}) }];
  });
  if (targets.length === 0) return;
  try {
    const result = await createConformanceProber({
      caPem: config.mesh.caPem,
      clientCertPem: config.mesh.clientCertPem,
      clientKeyPem: config.mesh.clientKeyPem,
      targets,
      credentials: config.conformanceCredentials ?? {},
      trigger: config.probeTrigger ?? "manual",
      timeoutMs: config.policy.mesh.probeTimeoutMs,
    }).collect(mesh, signal ? { signal } : {});
    if (signal?.aborted) return; // the scan failed on its limit meanwhile: its snapshot takes nothing more
    mesh.conformance = result.conformance;
    errors.push(...result.errors);
  } catch (err) {
    errors.push({ source: "mesh", scope: "conformance", message: err instanceof Error ? err.message : String(err) });
  }
}
