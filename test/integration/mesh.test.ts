/**
 * The whole mesh pipeline against the real loopback test bed: start it, probe
 * it with the auditor certificate, run every MESH-* check, and demand that the
 * failing (check, subject) set equals ground-truth.mesh.json exactly — no
 * missed findings, no extra ones. Then cross-check shared verdicts with sslscan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { startMesh, type GroundTruthEntry, type RunningMesh } from "../../scripts/testbed/mesh/mesh";
import { hasSslscan } from "../../scripts/testbed/mesh/sslscan";
import { sslscanRun } from "../../scripts/testbed/mesh/scanners/sslscan";
import { compareVerdicts } from "../../scripts/testbed/mesh/scanners/verdict";
import { vigilEndpointVerdict } from "../../scripts/testbed/mesh/scanners/vigil";
import { createMeshProber } from "../../lib/collect/mesh";
import { meshChecks } from "../../lib/rules/checks/mesh";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import type { Registry } from "../../lib/registry/types";
import type { CollectError, MeshSnapshot } from "../../lib/snapshot/types";
import { findingKey, type CheckContext } from "../../lib/rules/types";

let mesh: RunningMesh;
let dir: string;
let snapshot: MeshSnapshot;
let errors: CollectError[];
let registry: Registry;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-mesh-it-")); // not .testbed: never clobber a dev's running mesh
  // Node endpoints only: the third-party fleet has its own file (mesh-third-party.test.ts).
  mesh = await startMesh({ dir, thirdParty: false });
  // Read everything back from the state dir, as a separate process would.
  const read = (f: string) => readFile(path.join(dir, f), "utf8");
  const agents = (YAML.parse(await read("agents.mesh.yaml")) as { agents: { name: string; endpoint: string; spiffeId: string }[] }).agents;
  registry = { allowedMembers: [], agents: agents.map((a) => ({ ...a, deviceIds: [], siblings: [] })) };
  ({ mesh: snapshot, errors } = await createMeshProber({
    caPem: await read("ca.pem"),
    clientCertPem: await read("auditor.pem"),
    clientKeyPem: await read("auditor-key.pem"),
    endpoints: agents.map((a) => ({ endpoint: a.endpoint, agent: a.name, expectedIdentity: a.spiffeId })),
    certificateFiles: [path.join(dir, "certs-dir")],
    policy: DEFAULT_POLICY.mesh,
  }).collect());
});

afterAll(async () => {
  await mesh?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("mesh test bed → prober → checks", () => {
  it("finds exactly the ground truth", async () => {
    const ctx: CheckContext = {
      snapshot: { takenAt: new Date().toISOString(), mesh: snapshot, errors }, policy: DEFAULT_POLICY, registry, now: new Date(),
    };
    const results = meshChecks.flatMap((c) => c.run(ctx).map((r) => ({ check: c.meta.id, ...r })));
    const failing = results.filter((r) => r.status === "fail").map(findingKey).sort();
    const truth = JSON.parse(await readFile(path.join(dir, "ground-truth.mesh.json"), "utf8")) as GroundTruthEntry[];
    expect(failing).toEqual(truth.map(findingKey).sort());
    expect(truth.length).toBe(11); // 10 faulty endpoints + the expiring file certificate
    const unknownTruth = JSON.parse(await readFile(path.join(dir, "unknown.mesh.json"), "utf8")) as GroundTruthEntry[];
    expect(results.filter((r) => r.status === "unknown").map(findingKey).sort()).toEqual(unknownTruth.map(findingKey).sort());

    // Coverage: every check examined something and passed something on this bed.
    for (const c of meshChecks) expect(results.some((r) => r.check === c.meta.id && r.status === "pass"), c.meta.id).toBe(true);
    expect(errors).toEqual([]);
    expect(snapshot.certificates).toHaveLength(2);
  });

  it.skipIf(!hasSslscan())("agrees with sslscan on every reachable Node endpoint, on every field sslscan can judge", async () => {
    const ctx: CheckContext = {
      snapshot: { takenAt: new Date().toISOString(), mesh: snapshot, errors }, policy: DEFAULT_POLICY, registry, now: new Date(),
    };
    const results = meshChecks.flatMap((c) => c.run(ctx).map((r) => ({ ...r, check: c.meta.id })));
    const reachable = snapshot.endpoints.filter((e) => e.reachable);
    const theirs = await Promise.all(reachable.map((e) => sslscanRun(e.endpoint)));
    const disagreements = theirs.flatMap((t, i) => {
      const e = reachable[i]!;
      return compareVerdicts(vigilEndpointVerdict(e, results), t.verdict).disagreements.map((d) => ({ endpoint: e.endpoint, agent: e.agent, ...d }));
    });
    expect(disagreements).toEqual([]);
    // The comparison really exercised both answers: TLS 1.2 accepted somewhere and refused elsewhere.
    expect(new Set(theirs.map((t) => t.verdict.tls12))).toEqual(new Set([true, false]));
  });
});
