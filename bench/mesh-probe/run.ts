/**
 * npx tsx bench/mesh-probe/run.ts [--count 500] [--sample 5]
 *
 * Starts N loopback endpoints (cycling healthy and every fault), probes all of
 * them with Vigil (5 connections each), probes a sample with sslscan, and
 * prints one JSON object. Targets: N=500 within 10 s on 2 cores, and >= 20x
 * faster per endpoint than sslscan. 500 servers plus ~2500 client sockets need
 * a few thousand file descriptors: check `ulimit -n` if it fails with EMFILE.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createMeshProber } from "../../lib/collect/mesh";
import { meshChecks } from "../../lib/rules/checks/mesh";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import { findingKey } from "../../lib/rules/types";
import type { MeshEndpoint, GroundTruthEntry } from "../../scripts/testbed/mesh/mesh";
import { hasSslscan, sslscan, vigilVerdict } from "../../scripts/testbed/mesh/sslscan";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const COUNT = arg("count", 500);
const SAMPLE = arg("sample", 5);

async function startServers(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "serve.ts"), dir, String(COUNT)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d; if (out.includes("READY")) resolve(); });
    child.once("exit", (code) => reject(new Error(`endpoint server exited early (${code})`)));
  });
  return () => new Promise<void>((resolve) => { child.once("exit", () => resolve()); child.stdin.end(); });
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-mesh-bench-"));
  const stopServers = await startServers(dir);
  try {
    const read = (f: string) => readFile(path.join(dir, f), "utf8");
    const state = JSON.parse(await read("mesh.json")) as { endpoints: MeshEndpoint[] };
    const prober = createMeshProber({
      caPem: await read("ca.pem"), clientCertPem: await read("auditor.pem"), clientKeyPem: await read("auditor-key.pem"),
      endpoints: state.endpoints.map((e) => ({ endpoint: e.endpoint, agent: e.agent, expectedIdentity: e.spiffeId })),
      policy: DEFAULT_POLICY.mesh,
    });

    const t0 = performance.now();
    const { mesh, errors } = await prober.collect();
    const wallMs = Math.round(performance.now() - t0);
    const handshakes = mesh.endpoints.reduce((n, e) =>
      n + [e.probes.withClientCert, e.probes.withoutClientCert, e.probes.tls12, e.probes.tls11].filter(Boolean).length, 0);

    // Correctness at scale: the findings must still equal the ground truth (endpoints only; no cert files here).
    const now = new Date();
    const ctx = { snapshot: { takenAt: now.toISOString(), mesh, errors }, policy: DEFAULT_POLICY, registry: { agents: [], allowedMembers: [] }, now };
    const found = meshChecks.flatMap((c) => c.run(ctx).filter((r) => r.status === "fail").map((r) => findingKey({ check: c.meta.id, subject: r.subject }))).sort();
    const truth = (JSON.parse(await read("ground-truth.mesh.json")) as GroundTruthEntry[])
      .filter((g) => g.subject.type === "endpoint").map(findingKey).sort();

    let external: Record<string, unknown> = { tool: "sslscan", available: false };
    let verdictsAgree: boolean | null = null;
    let speedRatio: number | null = null;
    const perEndpointMs = wallMs / mesh.endpoints.length;
    if (hasSslscan() && SAMPLE > 0) {
      const faults = ["healthy", "tls12", "no-mtls", "plaintext", "expired", "weak-key", "rogue-ca"];
      const sample = faults.slice(0, SAMPLE).map((f) => state.endpoints.find((e) => e.fault === f)!.endpoint);
      const s0 = performance.now();
      const theirs = [];
      for (const ep of sample) theirs.push(await sslscan(ep)); // one at a time, as it is normally run
      const extWall = Math.round(performance.now() - s0);
      verdictsAgree = theirs.every((t) => {
        const ours = vigilVerdict(mesh.endpoints.find((e) => e.endpoint === t.endpoint)!);
        return ours.tls12 === t.tls12 && ours.tls11 === t.tls11 && ours.clientCertRequired === t.clientCertRequired;
      });
      const extPer = extWall / sample.length;
      external = { tool: "sslscan", sample: sample.length, wallMs: extWall, perEndpointMs: Math.round(extPer * 10) / 10 };
      speedRatio = Math.round((extPer / perEndpointMs) * 10) / 10;
    }

    console.log(JSON.stringify({
      endpoints: mesh.endpoints.length,
      wallMs,
      handshakes,
      perEndpointMs: Math.round(perEndpointMs * 100) / 100,
      concurrency: DEFAULT_POLICY.mesh.concurrency,
      collectErrors: errors.length,
      findings: found.length,
      findingsMatchGroundTruth: JSON.stringify(found) === JSON.stringify(truth),
      ...(JSON.stringify(found) === JSON.stringify(truth) ? {} : { unexpected: found.filter((f) => !truth.includes(f)).slice(0, 5), missed: truth.filter((t) => !found.includes(t)).slice(0, 5) }),
      external,
      speedRatio,
      verdictsAgree,
      targets: { wallMsMax: 10_000, speedRatioMin: 20 },
    }, null, 2));
  } finally {
    await stopServers();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
