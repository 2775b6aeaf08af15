/**
 * The whole local test bed as one call: a real Synapse seeded with the agent
 * fleet and its faults, plus the loopback mTLS mesh. Writes vigil.config.yaml
 * (usable by Vigil and `vigil scan` as is) and ground-truth.json (every finding
 * the test bed should produce, Matrix and mesh). Used by up.ts, tests and benchmarks.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { seedFleet } from "./fleet/seed";
import { startMesh, type RunningMesh } from "./mesh/mesh";
import { conformanceFindings, startConformanceAgents, type RunningConformanceAgents } from "./conformance/conformance";
import { startControlServer } from "./fleet/control-server";
import { answerVerifications } from "./fleet/verification-responder";
import { DEMO_CONFIRM_AFTER_MS, demoMode } from "./fleet/demo-mode";
import { withPythonAgents } from "./pyagents/responder";
import type { MatrixTestbed } from "./fleet/outputs";

export interface Testbed {
  dir: string;
  configPath: string;
  matrix: MatrixTestbed;
  mesh: RunningMesh;
  /** Issue #18's agents, endpoints of the same mesh (same PKI), their probes declared in the registry. */
  conformance: RunningConformanceAgents;
  groundTruth: { check: string; subject: { type: string; id: string } }[];
  stop(): Promise<void>;
}

export const testbedDir = (): string => path.resolve(process.env.VIGIL_TESTBED_DIR ?? path.join(import.meta.dirname, "../../.testbed"));

export interface StartTestbedOptions {
  /** The Matrix test bed's state (Synapse + fleet outputs). */
  dir?: string;
  /**
   * Where the mesh, the config and the ground truth go; defaults to `dir`.
   * Tests pass a temporary folder so they never clobber a running demo's mesh.
   */
  outDir?: string;
  fresh?: boolean;
  /**
   * Keep the agents' clients syncing and answering verification requests from
   * the auditor (see fleet/verification-responder.ts), steered through
   * <dir>/fleet-control.json. Always reseeds: the crypto lives in memory only.
   */
  live?: boolean;
  /** With live: the js-sdk agents log their emoji and confirm on their own (fleet/demo-mode.ts); `npm run demo` only. */
  demo?: boolean;
  log?: (m: string) => void;
}

export async function startTestbed(opts: StartTestbedOptions = {}): Promise<Testbed> {
  const matrixDir = opts.dir ?? testbedDir();
  const dir = opts.outDir ?? matrixDir;
  const log = opts.log ?? (() => {});
  const fleet = await seedFleet({ dir: matrixDir, fresh: opts.fresh || opts.live, keepClients: opts.live, log });
  const tb = fleet.testbed;
  const agentClients = new Map([...fleet.clients].filter(([name]) => name in tb.agents));
  for (const [name, c] of fleet.clients) if (!agentClients.has(name)) c.stopClient();
  const demo = demoMode(opts.demo ? DEMO_CONFIRM_AFTER_MS : null, log);
  const responder = opts.live ? withPythonAgents(answerVerifications(agentClients, tb.auditor.userId, log, demo), fleet.pyAgents) : null;
  const control = responder ? await startControlServer(matrixDir, responder, demo) : null;
  if (control) log(`live agents: ${[...agentClients.keys(), ...fleet.pyAgents.keys()].join(", ")}; control at ${control.url}`);
  log(`matrix at ${tb.homeserver.baseUrl} (${fleet.reused ? "reused seed" : `seeded in ${tb.seedMs} ms`})`);
  fs.mkdirSync(dir, { recursive: true });
  // alpha and beta get the healthy mesh endpoints: one agent, one row, both channels (the Agents page's promise).
  const mesh = await startMesh({ dir: path.join(dir, "mesh"), healthyNames: ["alpha", "beta"].filter((n) => n in tb.agents) });
  log(`mesh: ${mesh.endpoints.length} endpoints`);
  const conformance = await startConformanceAgents({ dir: path.join(dir, "conformance"), pki: mesh.pki, key: mesh.leafKey }).catch(
    async (e: unknown) => {
      await mesh.stop();
      throw e;
    },
  );
  log(`conformance agents: ${conformance.endpoints.length} endpoints`);
  const relative = (file: string) => path.relative(dir, file);

  fs.writeFileSync(path.join(dir, "auditor.token"), tb.auditor.accessToken + "\n", { mode: 0o600 });
  const config = {
    homeserver: { baseUrl: tb.homeserver.baseUrl, accessTokenFile: "auditor.token" },
    mesh: {
      caFile: "mesh/ca.pem",
      clientCertFile: "mesh/auditor.pem",
      clientKeyFile: "mesh/auditor-key.pem",
      endpoints: [...mesh.endpoints, ...conformance.endpoints].map((e) => ({ endpoint: e.endpoint, agent: e.agent, spiffeId: e.spiffeId })),
      certificatePaths: [path.relative(dir, mesh.certsDir)],
    },
    registry: [path.relative(dir, path.join(matrixDir, "agents.yaml")), "mesh/agents.mesh.yaml", relative(conformance.registryFile)],
    // The agents' own env files, so REG-* checks compare deployed config with declarations.
    agentProfiles: [path.relative(dir, path.join(matrixDir, "agents")) || "agents"],
    conformance: {
      credentials: Object.fromEntries(
        Object.entries(conformance.credentials).map(([name, c]) => [
          name,
          Object.fromEntries(Object.entries(c).map(([kind, file]) => [kind, relative(file)])),
        ]),
      ),
    },
  };
  const configPath = path.join(dir, "vigil.config.yaml");
  fs.writeFileSync(configPath, `# Written by scripts/testbed for the local test bed.\n${YAML.stringify(config)}`, { mode: 0o600 });
  const matrixTruth: Testbed["groundTruth"] = JSON.parse(fs.readFileSync(path.join(matrixDir, "ground-truth.matrix.json"), "utf8"));
  const groundTruth = [...matrixTruth, ...mesh.groundTruth, ...conformanceFindings(conformance.truth)];
  fs.writeFileSync(path.join(dir, "ground-truth.json"), JSON.stringify(groundTruth, null, 2));
  return {
    dir,
    configPath,
    matrix: tb,
    mesh,
    conformance,
    groundTruth,
    stop: async () => {
      responder?.stop();
      await control?.close();
      await fleet.stopClients();
      await Promise.all([mesh.stop(), conformance.stop()]);
    },
  };
}
