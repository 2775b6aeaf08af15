/**
 * startMesh: mint the PKI, start N endpoints, write the state dir that the
 * prober, the registry and the integration test read. See plan.ts for faults.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { createCa, issueLeaf, newKey, spiffeIdFor, type Leaf } from "./pki";
import { agentName, EXPECTED_CHECK, FAULT_CYCLE, validityFor } from "./plan";
import { startEndpointServer, type Fault, type RunningServer } from "./servers";

export interface MeshEndpoint { endpoint: string; agent: string; spiffeId: string; fault: Fault; port: number; fingerprint256?: string }
export interface GroundTruthEntry { check: string; subject: { type: "endpoint" | "certificate"; id: string } }

export interface StartMeshOptions {
  /** State dir; defaults to $VIGIL_TESTBED_DIR/mesh or .testbed/mesh. */
  dir?: string;
  /** Number of endpoints; they cycle through FAULT_CYCLE (default: one full cycle, 12). */
  count?: number;
  host?: string;
  now?: number;
  /** Write per-endpoint cert/key files (off saves ~1000 files for the benchmark). */
  writeEndpointCerts?: boolean;
}

export interface RunningMesh {
  dir: string;
  endpoints: MeshEndpoint[];
  caPem: string;
  auditor: { certPem: string; keyPem: string };
  certsDir: string;
  groundTruth: GroundTruthEntry[];
  stop(): Promise<void>;
}

export const defaultMeshDir = () =>
  path.join(process.env.VIGIL_TESTBED_DIR ?? path.resolve(import.meta.dirname, "../../../.testbed"), "mesh");

export async function startMesh(opts: StartMeshOptions = {}): Promise<RunningMesh> {
  const dir = opts.dir ?? defaultMeshDir();
  const host = opts.host ?? "127.0.0.1";
  const now = opts.now ?? Date.now();
  const count = opts.count ?? FAULT_CYCLE.length;

  const [ca, rogue, ecKey, weakKey] = await Promise.all([createCa(), createCa(), newKey("ec"), newKey("rsa1024")]);
  const auditor = await issueLeaf(ca, {
    commonName: "vigil-auditor", spiffeId: `spiffe://vigil.test/auditor`, key: ecKey, ...validityFor("healthy", now),
  });

  const plan = Array.from({ length: count }, (_, i) => {
    const fault = FAULT_CYCLE[i % FAULT_CYCLE.length]!;
    return { fault, agent: agentName(i, fault) };
  });
  const leaves: (Leaf | undefined)[] = await Promise.all(plan.map(({ fault, agent }) =>
    fault === "unreachable" ? undefined : issueLeaf(fault === "rogue-ca" ? rogue : ca, {
      commonName: agent,
      spiffeId: spiffeIdFor(fault === "identity-mismatch" ? "impostor" : agent),
      key: fault === "weak-key" ? weakKey : ecKey,
      ...validityFor(fault, now),
    })));

  const servers: RunningServer[] = [];
  const stop = async () => { await Promise.all(servers.filter(Boolean).map((s) => s.close())); };
  try {
    // Unreachable ports are reserved-then-freed LAST: freed earlier, the OS
    // would hand the same port to the next endpoint we start.
    const order = plan.map((_, i) => i).sort((a, b) => Number(plan[a]!.fault === "unreachable") - Number(plan[b]!.fault === "unreachable"));
    for (const i of order) {
      const { fault, agent } = plan[i]!;
      const leaf = leaves[i];
      servers[i] = await startEndpointServer({
        fault, agent, host, certPem: leaf?.certPem ?? "", keyPem: leaf?.keyPem ?? "", caPem: ca.certPem,
      });
    }
  } catch (e) {
    await stop();
    throw e;
  }

  const endpoints: MeshEndpoint[] = plan.map(({ fault, agent }, i) => ({
    endpoint: `${host}:${servers[i]!.port}`, agent, spiffeId: spiffeIdFor(agent), fault, port: servers[i]!.port,
    ...(leaves[i] ? { fingerprint256: leaves[i]!.fingerprint256 } : {}),
  }));

  // Certificates without an endpoint: one healthy, one expiring.
  const certsDir = path.join(dir, "certs-dir");
  const fileOk = await issueLeaf(ca, { commonName: "file-ok", spiffeId: spiffeIdFor("file-ok"), key: ecKey, ...validityFor("healthy", now) });
  const fileExpiring = await issueLeaf(ca, { commonName: "file-expiring", spiffeId: spiffeIdFor("file-expiring"), key: ecKey, ...validityFor("expiring", now) });

  const groundTruth: GroundTruthEntry[] = endpoints.flatMap((e) => {
    const check = EXPECTED_CHECK[e.fault];
    return check ? [{ check, subject: { type: "endpoint" as const, id: e.endpoint } }] : [];
  });
  groundTruth.push({ check: "MESH-CERT-EXPIRING", subject: { type: "certificate", id: fileExpiring.fingerprint256 } });

  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "certs"), { recursive: true });
  await mkdir(certsDir, { recursive: true });
  const w = (rel: string, text: string) => writeFile(path.join(dir, rel), text, { mode: rel.endsWith("key.pem") ? 0o600 : 0o644 });
  await Promise.all([
    w("ca.pem", ca.certPem),
    w("rogue-ca.pem", rogue.certPem),
    w("auditor.pem", auditor.certPem),
    w("auditor-key.pem", auditor.keyPem),
    w("certs-dir/file-ok.pem", fileOk.certPem),
    w("certs-dir/file-expiring.pem", fileExpiring.certPem),
    ...(opts.writeEndpointCerts === false ? [] : plan.flatMap(({ agent }, i) => leaves[i]
      ? [w(`certs/${agent}.pem`, leaves[i]!.certPem), w(`certs/${agent}-key.pem`, leaves[i]!.keyPem)] : [])),
    w("mesh.json", JSON.stringify({
      generatedAt: new Date(now).toISOString(),
      // After this the "expiring" certs have expired and the ground truth is stale: restart the mesh.
      groundTruthValidUntil: validityFor("expiring", now).notAfter.toISOString(),
      caFile: "ca.pem", auditorCertFile: "auditor.pem", auditorKeyFile: "auditor-key.pem", certsDir: "certs-dir",
      endpoints,
    }, null, 2)),
    w("agents.mesh.yaml", YAML.stringify({ agents: endpoints.map((e) => ({ name: e.agent, endpoint: e.endpoint, spiffeId: e.spiffeId })) })),
    w("ground-truth.mesh.json", JSON.stringify(groundTruth, null, 2)),
  ]);

  return { dir, endpoints, caPem: ca.certPem, auditor: { certPem: auditor.certPem, keyPem: auditor.keyPem }, certsDir, groundTruth, stop };
}
