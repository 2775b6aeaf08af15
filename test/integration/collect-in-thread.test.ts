/**
 * The web server's scans read their sources on a worker thread (lib/scan/collect-in-thread.ts). Against real loopback
 * TLS endpoints, the thread must find exactly what the same collection finds on the calling thread, report its
 * stages, and turn what cannot cross to it into a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/policy/defaults";
import { collectInThread } from "@/lib/scan/collect-in-thread";
import { collectSnapshot } from "@/lib/scan/collect-snapshot";
import type { ScanConfig } from "@/lib/scan/scan-config";
import { EMPTY_REGISTRY } from "@/lib/registry/types";
import { createCa, issueLeaf, newKey, spiffeIdFor } from "@/scripts/testbed/mesh/pki";
import { validityFor } from "@/scripts/testbed/mesh/plan";
import { startEndpointServer, type Fault, type RunningServer } from "@/scripts/testbed/mesh/servers";

const servers: RunningServer[] = [];
let config: ScanConfig;

beforeAll(async () => {
  const [ca, key] = await Promise.all([createCa(), newKey("ec")]);
  const now = Date.now();
  const auditor = await issueLeaf(ca, {
    commonName: "vigil-auditor",
    spiffeId: "spiffe://vigil.test/auditor",
    key,
    ...validityFor("healthy", now),
  });
  const faults: Fault[] = ["healthy", "expired", "no-mtls"];
  for (const fault of faults) {
    const leaf = await issueLeaf(ca, { commonName: fault, spiffeId: spiffeIdFor(fault), key, ...validityFor(fault, now) });
    servers.push(
      await startEndpointServer({ fault, agent: fault, host: "127.0.0.1", certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem }),
    );
  }
  config = {
    mesh: {
      caPem: ca.certPem,
      clientCertPem: auditor.certPem,
      clientKeyPem: auditor.keyPem,
      endpoints: servers.map((s, i) => ({ endpoint: `127.0.0.1:${s.port}`, agent: faults[i], spiffeId: spiffeIdFor(faults[i] ?? "") })),
      certificatePaths: [],
    },
    registry: EMPTY_REGISTRY,
    policy: DEFAULT_POLICY,
  };
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** What a probe measures in time differs between two runs; everything else must not. */
function withoutTimings(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (k: string, v: unknown) => (/(ms|Ms|At)$/.test(k) && k !== "takenAt" ? undefined : v));
}

describe("collecting on a worker thread", () => {
  it("finds what the calling thread finds, stage by stage", async () => {
    const now = new Date();
    const stages: string[] = [];
    const inThread = await collectInThread(config, (stage) => stages.push(stage), now);
    const here = await collectSnapshot(config, () => {}, now);
    expect(inThread.status).toBe(here.status);
    expect(inThread.snapshot.mesh?.endpoints).toHaveLength(3);
    expect(withoutTimings(inThread.snapshot)).toEqual(withoutTimings(here.snapshot));
    expect(stages).toEqual(["mesh", "conformance", "evaluate"]);
  }, 60_000);

  it("refuses a configuration that cannot cross to the thread, saying so, and probes nothing", async () => {
    const bad = { ...config, policy: { ...config.policy, mesh: { ...config.policy.mesh, onProbe: () => {} } } } as unknown as ScanConfig;
    await expect(collectInThread(bad)).rejects.toThrow(/could not be cloned/);
  });

  it("reports a source it cannot read as the calling thread does: a broken CA file is named in the errors", async () => {
    const broken = { ...config, mesh: { ...config.mesh!, caPem: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n" } };
    const now = new Date();
    const [inThread, here] = [await collectInThread(broken, () => {}, now), await collectSnapshot(broken, () => {}, now)];
    expect(inThread.status).toBe(here.status);
    expect(inThread.snapshot.errors.length).toBeGreaterThan(0);
    expect(inThread.snapshot.errors).toEqual(here.snapshot.errors);
    expect(inThread.snapshot.errors[0]).toMatchObject({ scope: "config caPem", message: expect.stringMatching(/^configured CA bundle: /) });
  }, 30_000);
});
