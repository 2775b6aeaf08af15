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
import { startMesh, type GroundTruthEntry, type RunningMesh } from "../../scripts/testbed/mesh/mesh";
import { hasSslscan } from "../../scripts/testbed/mesh/sslscan";
import { sslscanRun } from "../../scripts/testbed/mesh/scanners/sslscan";
import { compareVerdicts } from "../../scripts/testbed/mesh/scanners/verdict";
import { vigilEndpointVerdict } from "../../scripts/testbed/mesh/scanners/vigil";
import { meshChecks } from "../../lib/rules/checks/mesh";
import type { CollectError, MeshSnapshot } from "../../lib/snapshot/types";
import { findingKey } from "../../lib/rules/types";
import { probeMeshTestbed, type ProbedMesh } from "../support/mesh-testbed";

let mesh: RunningMesh;
let dir: string;
let snapshot: MeshSnapshot;
let errors: CollectError[];
let results: ProbedMesh["results"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-mesh-it-")); // not .testbed: never clobber a dev's running mesh
  // Node endpoints only: the third-party fleet has its own file (mesh-third-party.test.ts).
  mesh = await startMesh({ dir, thirdParty: false });
  ({ snapshot, errors, results } = await probeMeshTestbed(dir));
});

afterAll(async () => {
  await mesh?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("mesh test bed → prober → checks", () => {
  it("finds exactly the ground truth", async () => {
    const failing = results
      .filter((r) => r.status === "fail")
      .map(findingKey)
      .sort();
    const truth = JSON.parse(await readFile(path.join(dir, "ground-truth.mesh.json"), "utf8")) as GroundTruthEntry[];
    expect(failing).toEqual(truth.map(findingKey).sort());
    expect(truth.length).toBe(11); // 10 faulty endpoints + the expiring file certificate
    const unknownTruth = JSON.parse(await readFile(path.join(dir, "unknown.mesh.json"), "utf8")) as GroundTruthEntry[];
    expect(
      results
        .filter((r) => r.status === "unknown")
        .map(findingKey)
        .sort(),
    ).toEqual(unknownTruth.map(findingKey).sort());

    // Coverage: every check examined something and passed something on this bed.
    for (const c of meshChecks)
      expect(
        results.some((r) => r.check === c.meta.id && r.status === "pass"),
        c.meta.id,
      ).toBe(true);
    expect(errors).toEqual([]);
    expect(snapshot.certificates).toHaveLength(2);
  });

  it.skipIf(!hasSslscan())("agrees with sslscan on every reachable Node endpoint, on every field sslscan can judge", async () => {
    const reachable = snapshot.endpoints.filter((e) => e.reachable);
    const theirs = await Promise.all(reachable.map((e) => sslscanRun(e.endpoint)));
    const disagreements = theirs.flatMap((t, i) => {
      const e = reachable[i]!;
      return compareVerdicts(vigilEndpointVerdict(e, results), t.verdict).disagreements.map((d) => ({
        endpoint: e.endpoint,
        agent: e.agent,
        ...d,
      }));
    });
    expect(disagreements).toEqual([]);
    // The comparison really exercised both answers: TLS 1.2 accepted somewhere and refused elsewhere.
    expect(new Set(theirs.map((t) => t.verdict.tls12))).toEqual(new Set([true, false]));
  });
});
