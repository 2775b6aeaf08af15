/**
 * The Matrix pipeline end to end against the real test bed: a loopback Synapse
 * seeded with real matrix-js-sdk agents and deliberate faults. Collect with the
 * auditor's token, evaluate every MX-* check, and demand that the failing
 * (check, subject) set equals ground-truth.matrix.json exactly — nothing
 * missed, nothing extra.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { createMatrixCollector, type MatrixCollectResult } from "@/lib/collect/matrix";
import { DEFAULT_POLICY } from "@/lib/policy/defaults";
import type { Registry } from "@/lib/registry/types";
import { matrixChecks } from "@/lib/rules/checks/matrix";
import { findingKey, type CheckContext } from "@/lib/rules/types";
import type { GroundTruthEntry } from "@/scripts/testbed/fleet/ground-truth";
import { GROUND_TRUTH_JSON, REGISTRY_YAML, type MatrixTestbed } from "@/scripts/testbed/fleet/outputs";
import { seedFleet } from "@/scripts/testbed/fleet/seed";
import { synapseDir, testbedDir } from "@/scripts/testbed/synapse/paths";
import { startSynapse, stopSynapse, synapseStatus } from "@/scripts/testbed/synapse/synapse";

const dir = testbedDir();
let tb: MatrixTestbed;
let wasRunning = false;
let scan: MatrixCollectResult;
let registry: Registry;
let truth: GroundTruthEntry[];

beforeAll(async () => {
  wasRunning = (await synapseStatus(synapseDir(dir))).healthy;
  await startSynapse({ dir: synapseDir(dir) });
  tb = (await seedFleet({ dir })).testbed;
  // Read the declared registry and the truth back from disk, as the app would.
  registry = YAML.parse(fs.readFileSync(path.join(dir, REGISTRY_YAML), "utf8")) as Registry;
  truth = JSON.parse(fs.readFileSync(path.join(dir, GROUND_TRUTH_JSON), "utf8")) as GroundTruthEntry[];
  scan = await createMatrixCollector({
    baseUrl: tb.homeserver.baseUrl,
    accessToken: tb.auditor.accessToken,
    policy: DEFAULT_POLICY,
  }).collect({ registry });
});

afterAll(async () => {
  // Leave a Synapse someone else started alone; stop only our own.
  if (!wasRunning) await stopSynapse(synapseDir(dir));
});

function evaluate(): CheckContext & { failing: string[]; results: number } {
  const ctx: CheckContext = {
    snapshot: { takenAt: new Date().toISOString(), matrix: scan.matrix, errors: scan.errors },
    policy: DEFAULT_POLICY,
    registry,
    now: new Date(),
  };
  const failing: string[] = [];
  let results = 0;
  for (const check of matrixChecks) {
    for (const r of check.run(ctx)) {
      results++;
      if (r.status === "fail") failing.push(findingKey({ check: check.meta.id, subject: r.subject }));
    }
  }
  return { ...ctx, failing: failing.sort(), results };
}

describe("matrix test bed → collector → checks", () => {
  it("collects a complete admin view", () => {
    expect(scan.errors).toEqual([]);
    expect(scan.matrix.view).toBe("admin");
    expect(scan.matrix.auditor.userId).toBe(tb.auditor.userId);
    expect(scan.matrix.rooms.length).toBeGreaterThanOrEqual(Object.keys(tb.rooms).length);
    // Print the cost so regressions in request count are visible in CI logs.
    console.info(`[matrix-scan] ${scan.stats.requests} requests (${scan.stats.retries} retries):`, JSON.stringify(scan.stats.byLabel));
  });

  it("fails exactly the ground truth", () => {
    const { failing, results } = evaluate();
    const expected = truth.map((t) => findingKey(t)).sort();
    expect(failing).toEqual(expected);
    // Passes are recorded too: coverage, not just absence of findings.
    expect(results).toBeGreaterThan(failing.length);
  });

  it("keeps metadata only: no message content in the snapshot", () => {
    const loopRoom = scan.matrix.rooms.find((r) => r.roomId === tb.rooms.loop);
    expect(loopRoom?.recentActivity?.length).toBeGreaterThanOrEqual(20);
    for (const r of scan.matrix.rooms) for (const e of r.recentActivity ?? []) expect(Object.keys(e).sort()).toEqual(["sender", "ts"]);
    expect(JSON.stringify(scan.matrix)).not.toMatch(/reply #\d|status ok/);
  });

  it("falls back to the member view for a non-admin token and still computes trust", async () => {
    const delta = tb.agents.delta;
    if (!delta) throw new Error("test bed has no agent delta");
    const member = await createMatrixCollector({
      baseUrl: tb.homeserver.baseUrl,
      accessToken: delta.accessToken,
      policy: DEFAULT_POLICY,
    }).collect({ registry });
    expect(member.errors).toEqual([]);
    expect(member.matrix.view).toBe("member");
    expect(member.matrix.rooms.map((r) => r.roomId).sort()).toEqual([tb.rooms.ops, tb.rooms.loop].sort());
    const trust = Object.fromEntries(member.matrix.devices.map((d) => [`${d.userId}|${d.deviceId}`, d.trust]));
    expect(trust[`${delta.userId}|DELTA01`]).toBe("verified-by-owner");
    expect(trust[`${delta.userId}|DELTA02`]).toBe("unsigned");
  });

  it("fails clearly on a dead token", async () => {
    const dead = createMatrixCollector({ baseUrl: tb.homeserver.baseUrl, accessToken: "syt_not_a_token", policy: DEFAULT_POLICY });
    await expect(dead.collect({ registry })).rejects.toThrow(/M_UNKNOWN_TOKEN/);
  });
});
