import { createMatrixCollector } from "../collect/matrix";
import { createMeshProber } from "../collect/mesh";
import type { CollectError, ScanStatus, Snapshot } from "../snapshot/types";
import type { ScanConfig } from "./scan-config";

export type Progress = (stage: string, fraction: number) => void;

export interface Collected {
  snapshot: Snapshot;
  status: Exclude<ScanStatus, "running">;
  /** Requests made to the homeserver, for the benchmark and the scan record. */
  matrixRequests?: number;
}

/**
 * Collects every configured source into one snapshot. A source that fails
 * outright is recorded as an error and the rest carries on: complete when
 * nothing is missing, partial when something is, failed when nothing was read.
 */
export async function collectSnapshot(config: ScanConfig, progress: Progress = () => {}, now = new Date()): Promise<Collected> {
  const errors: CollectError[] = [];
  const snapshot: Snapshot = { takenAt: now.toISOString(), errors };
  let matrixRequests: number | undefined;
  let sources = 0;
  let read = 0;

  if (config.homeserver) {
    sources++;
    progress("matrix", 0.05);
    try {
      const result = await createMatrixCollector({ ...config.homeserver, policy: config.policy }).collect({ registry: config.registry, now });
      snapshot.matrix = result.matrix;
      errors.push(...result.errors);
      matrixRequests = result.stats.requests;
      read++;
    } catch (err) {
      errors.push({ source: "matrix", scope: config.homeserver.baseUrl, message: (err as Error).message });
    }
  }

  if (config.mesh) {
    sources++;
    progress("mesh", 0.5);
    const registryIdentity = new Map(config.registry.agents.filter((a) => a.endpoint).map((a) => [a.endpoint!, a]));
    try {
      const result = await createMeshProber({
        caPem: config.mesh.caPem,
        clientCertPem: config.mesh.clientCertPem,
        clientKeyPem: config.mesh.clientKeyPem,
        endpoints: config.mesh.endpoints.map((e) => ({
          endpoint: e.endpoint,
          agent: e.agent ?? registryIdentity.get(e.endpoint)?.name,
          expectedIdentity: e.spiffeId ?? registryIdentity.get(e.endpoint)?.spiffeId,
        })),
        certificateFiles: config.mesh.certificatePaths,
        policy: config.policy.mesh,
      }).collect();
      snapshot.mesh = result.mesh;
      errors.push(...result.errors);
      read++;
    } catch (err) {
      errors.push({ source: "mesh", scope: "mesh", message: (err as Error).message });
    }
  }

  progress("evaluate", 0.9);
  const status = sources === 0 || read === 0 ? "failed" : errors.length > 0 ? "partial" : "complete";
  return { snapshot, status, matrixRequests };
}
