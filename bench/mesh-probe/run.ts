/**
 * npx tsx bench/mesh-probe/run.ts [--count 500] [--third-party-copies 5] [--sslscan all|<n>]
 *
 * A mix of loopback endpoints — Node servers cycling every fault, and copies of the
 * third-party fleet (nginx, HAProxy, Caddy, stunnel, openssl s_server) — probed by
 * Vigil and by sslscan at the SAME parallelism (Vigil's policy concurrency, like
 * `xargs -P`). Prints one JSON object: both wall times, the ratio, whether Vigil's
 * findings and unknowns equal the ground truth, and whether sslscan and Vigil agree on
 * every endpoint (on the fields sslscan can judge: TLS versions, expiry, a client-CA
 * list). Targets: 500 endpoints within 10 s on 2 cores; >= 20x sslscan; verdicts equal.
 * ~3000 sockets at once: check `ulimit -n` if it fails with EMFILE.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createMeshProber } from "../../lib/collect/mesh";
import { mapPool } from "../../lib/collect/mesh/pool";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import { meshChecks } from "../../lib/rules/checks/mesh";
import { findingKey } from "../../lib/rules/types";
import type { GroundTruthEntry, MeshEndpoint } from "../../scripts/testbed/mesh/mesh";
import { sslscanRun } from "../../scripts/testbed/mesh/scanners/sslscan";
import { compareVerdicts } from "../../scripts/testbed/mesh/scanners/verdict";
import { vigilEndpointVerdict } from "../../scripts/testbed/mesh/scanners/vigil";
import { hasSslscan } from "../../scripts/testbed/mesh/sslscan";
import { THIRD_PARTY_PLAN } from "../../scripts/testbed/mesh/third-party/plan";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const COUNT = Number(arg("count", "500"));
const COPIES = Number(arg("third-party-copies", "5"));
const SSLSCAN = arg("sslscan", "all");
const PARALLEL = DEFAULT_POLICY.mesh.concurrency;

async function startServers(dir: string, nodeCount: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "serve.ts"), dir, String(nodeCount), String(COPIES)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      if (out.includes("READY")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`endpoint server exited early (${code})`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.stdin.end();
    });
}

const keys = (list: GroundTruthEntry[]) =>
  list
    .filter((g) => g.subject.type === "endpoint")
    .map(findingKey)
    .sort();
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
  const thirdParty = COPIES * THIRD_PARTY_PLAN.length;
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-mesh-bench-"));
  const stopServers = await startServers(dir, Math.max(0, COUNT - thirdParty));
  try {
    const read = (f: string) => readFile(path.join(dir, f), "utf8");
    const state = JSON.parse(await read("mesh.json")) as { endpoints: MeshEndpoint[] };
    const prober = createMeshProber({
      caPem: await read("ca.pem"),
      clientCertPem: await read("auditor.pem"),
      clientKeyPem: await read("auditor-key.pem"),
      endpoints: state.endpoints.map((e) => ({ endpoint: e.endpoint, agent: e.agent, expectedIdentity: e.spiffeId })),
      policy: DEFAULT_POLICY.mesh,
    });

    const t0 = performance.now();
    const { mesh, errors } = await prober.collect();
    const vigilMs = Math.round(performance.now() - t0);

    // Correctness at scale: failing and unknown results equal the ground truth (endpoints only; no cert files here).
    const now = new Date();
    const ctx = {
      snapshot: { takenAt: now.toISOString(), mesh, errors },
      policy: DEFAULT_POLICY,
      registry: { agents: [], allowedMembers: [] },
      now,
    };
    const results = meshChecks.flatMap((c) => c.run(ctx).map((r) => ({ ...r, check: c.meta.id })));
    const found = results
      .filter((r) => r.status === "fail")
      .map(findingKey)
      .sort();
    const undecided = results
      .filter((r) => r.status === "unknown")
      .map(findingKey)
      .sort();
    const truth = keys(JSON.parse(await read("ground-truth.mesh.json")) as GroundTruthEntry[]);
    const unknownTruth = keys(JSON.parse(await read("unknown.mesh.json")) as GroundTruthEntry[]);

    let sslscan: Record<string, unknown> = { available: false };
    let speedRatio: number | null = null;
    let verdicts: Record<string, unknown> | null = null;
    if (hasSslscan()) {
      const targets = SSLSCAN === "all" ? mesh.endpoints : mesh.endpoints.slice(0, Number(SSLSCAN));
      const s0 = performance.now();
      const runs = await mapPool(targets, PARALLEL, (e) => sslscanRun(e.endpoint, 120_000).catch((err: Error) => err));
      const sslscanMs = Math.round(performance.now() - s0);
      const disagreements: unknown[] = [];
      let compared = 0;
      let fields = 0;
      runs.forEach((run, i) => {
        const e = targets[i];
        if (!e || run instanceof Error) return;
        const c = compareVerdicts(vigilEndpointVerdict(e, results), run.verdict);
        compared++;
        fields += c.agreed.length;
        for (const d of c.disagreements) disagreements.push({ endpoint: e.endpoint, agent: e.agent, ...d });
      });
      // sslscan writes no report for a port nobody answers on; that agrees with Vigil only if Vigil found it unreachable.
      const failed = runs.flatMap((r, i) => (r instanceof Error && targets[i]?.reachable !== false ? [String(r)] : []));
      const bothUnreachable = runs.filter((r, i) => r instanceof Error && targets[i]?.reachable === false).length;
      sslscan = {
        available: true,
        endpoints: targets.length,
        parallelism: PARALLEL,
        wallMs: sslscanMs,
        bothUnreachable,
        failed: failed.length,
        firstFailures: failed.slice(0, 3),
      };
      // Per endpoint, at equal parallelism: scaled so a sampled run compares fairly with the full Vigil run.
      speedRatio = Math.round((sslscanMs / targets.length / (vigilMs / mesh.endpoints.length)) * 10) / 10;
      verdicts = {
        endpointsCompared: compared,
        fieldsAgreed: fields,
        disagreements: disagreements.length,
        firstDisagreements: disagreements.slice(0, 5),
      };
    }

    const pass =
      vigilMs <= 10_000 &&
      same(found, truth) &&
      same(undecided, unknownTruth) &&
      (speedRatio === null || speedRatio >= 20) &&
      (verdicts === null || verdicts.disagreements === 0) &&
      (sslscan.failed === undefined || sslscan.failed === 0);
    console.log(
      JSON.stringify(
        {
          endpoints: mesh.endpoints.length,
          mix: {
            node: mesh.endpoints.length - thirdParty,
            thirdParty,
            servers: ["node", "nginx", "haproxy", "caddy", "stunnel", "openssl"],
          },
          vigil: {
            wallMs: vigilMs,
            perEndpointMs: Math.round((vigilMs / mesh.endpoints.length) * 100) / 100,
            parallelism: PARALLEL,
            collectErrors: errors.length,
          },
          findingsMatchGroundTruth: same(found, truth),
          unknownsMatchGroundTruth: same(undecided, unknownTruth),
          ...(same(found, truth)
            ? {}
            : {
                unexpected: found.filter((f) => !truth.includes(f)).slice(0, 5),
                missed: truth.filter((t) => !found.includes(t)).slice(0, 5),
              }),
          sslscan,
          speedRatio,
          verdicts,
          targets: { wallMsMax: 10_000, speedRatioMin: 20, disagreements: 0 },
          pass,
        },
        null,
        2,
      ),
    );
  } finally {
    await stopServers();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
