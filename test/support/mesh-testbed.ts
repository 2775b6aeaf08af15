/**
 * Probe a started mesh test bed exactly as a separate process would: every input read
 * back from its state dir (config PEMs, agents.mesh.yaml), then every mesh check run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { createMeshProber } from "../../lib/collect/mesh";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import type { Registry } from "../../lib/registry/types";
import { meshChecks } from "../../lib/rules/checks/mesh";
import type { CheckContext, CheckResult } from "../../lib/rules/types";
import type { CollectError, MeshSnapshot } from "../../lib/snapshot/types";

export interface ProbedMesh {
  snapshot: MeshSnapshot;
  errors: CollectError[];
  registry: Registry;
  /** Every mesh check's results, tagged with the check id. */
  results: (CheckResult & { check: string })[];
}

export async function probeMeshTestbed(dir: string): Promise<ProbedMesh> {
  const read = (f: string) => readFile(path.join(dir, f), "utf8");
  const agents = (YAML.parse(await read("agents.mesh.yaml")) as { agents: { name: string; endpoint: string; spiffeId: string }[] }).agents;
  const registry: Registry = { allowedMembers: [], agents: agents.map((a) => ({ ...a, deviceIds: [], siblings: [] })) };
  const { mesh: snapshot, errors } = await createMeshProber({
    caPem: await read("ca.pem"),
    clientCertPem: await read("auditor.pem"),
    clientKeyPem: await read("auditor-key.pem"),
    endpoints: agents.map((a) => ({ endpoint: a.endpoint, agent: a.name, expectedIdentity: a.spiffeId })),
    certificateFiles: [path.join(dir, "certs-dir")],
    policy: DEFAULT_POLICY.mesh,
  }).collect();
  const ctx: CheckContext = {
    snapshot: { takenAt: new Date().toISOString(), mesh: snapshot, errors },
    policy: DEFAULT_POLICY,
    registry,
    now: new Date(),
  };
  const results = meshChecks.flatMap((c) => c.run(ctx).map((r) => ({ ...r, check: c.meta.id })));
  return { snapshot, errors, registry, results };
}
