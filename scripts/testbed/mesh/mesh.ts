/**
 * startMesh: mint the PKI, start the Node endpoints (plan.ts: one fault each) and
 * the third-party fleet (third-party/plan.ts: nginx, HAProxy, Caddy, stunnel,
 * s_server), and write the state dir that the prober, the registry and the
 * integration tests read. The PKI is shaped like Vault PKI: Vigil is configured
 * with the root ONLY (ca.pem); the auditor's certificate file carries leaf + issuing CA.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { createCa, createPkiPair, issueLeaf, newKey, spiffeIdFor, type KeyPair, type Leaf, type PkiPair } from "./pki";
import { agentName, EXPECTED_CHECK, EXPECTED_UNKNOWN, FAULT_CYCLE, validityFor } from "./plan";
import { startEndpointServer, type RunningServer } from "./servers";
import { startThirdPartyFleet, type RunningThirdParty } from "./third-party/fleet";
import { THIRD_PARTY_PLAN, type ServerKind } from "./third-party/plan";

export interface MeshEndpoint {
  endpoint: string;
  agent: string;
  spiffeId: string;
  /** Node endpoints: their plan.ts fault; third-party endpoints: their configuration's name. */
  fault: string;
  server: "node" | ServerKind;
  port: number;
  fingerprint256?: string;
  /** Checks that must fail, and checks whose result must be unknown, for this endpoint. */
  expect: string[];
  unknown: string[];
}
export interface GroundTruthEntry {
  check: string;
  subject: { type: "endpoint" | "certificate"; id: string };
}

export interface StartMeshOptions {
  /** State dir; defaults to $VIGIL_TESTBED_DIR/mesh or .testbed/mesh. */
  dir?: string;
  /** Number of Node endpoints; they cycle through FAULT_CYCLE (default: one full cycle, 12). */
  count?: number;
  /** Also start the third-party fleet (nginx, HAProxy, Caddy, stunnel, s_server); default true. */
  thirdParty?: boolean;
  /** How many copies of the third-party fleet (the benchmark's mix); names get a -2, -3… suffix. Default 1. */
  thirdPartyCopies?: number;
  host?: string;
  now?: number;
  /** Write per-endpoint cert/key files (off saves ~1000 files for the benchmark). */
  writeEndpointCerts?: boolean;
  /**
   * Names for the healthy Node endpoints, in order (the rest keep a000-healthy…): the test bed passes
   * Matrix agents' names, so the registry files merge into agents on both channels, as real fleets are.
   */
  healthyNames?: readonly string[];
}

export interface RunningMesh {
  dir: string;
  endpoints: MeshEndpoint[];
  /** The root only: what Vigil is configured with. */
  caPem: string;
  issuingCaPem: string;
  /** certPem is leaf + issuing CA, as Vault/cert-manager hand it out. */
  auditor: { certPem: string; keyPem: string };
  certsDir: string;
  /** The mesh's root → issuing CA and its leaves' key, for endpoints started beside it (the conformance agents). */
  pki: PkiPair;
  leafKey: KeyPair;
  groundTruth: GroundTruthEntry[];
  /** (check, subject) pairs whose result must be unknown. */
  unknownTruth: GroundTruthEntry[];
  stop(): Promise<void>;
}

export const defaultMeshDir = () =>
  path.join(process.env.VIGIL_TESTBED_DIR ?? path.resolve(import.meta.dirname, "../../../.testbed"), "mesh");

const endpointTruth = (endpoints: MeshEndpoint[], pick: (e: MeshEndpoint) => string[]): GroundTruthEntry[] =>
  endpoints.flatMap((e) => pick(e).map((check) => ({ check, subject: { type: "endpoint" as const, id: e.endpoint } })));

export async function startMesh(opts: StartMeshOptions = {}): Promise<RunningMesh> {
  const dir = opts.dir ?? defaultMeshDir();
  const host = opts.host ?? "127.0.0.1";
  const now = opts.now ?? Date.now();
  const count = opts.count ?? FAULT_CYCLE.length;
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "certs"), { recursive: true });

  const [pki, rogue, foreign, ecKey, weakKey] = await Promise.all([
    createPkiPair(now),
    createPkiPair(now),
    createCa("CN=Other Team CA, O=elsewhere.test", now),
    newKey("ec"),
    newKey("rsa1024"),
  ]);
  const ca = pki.issuing;
  const auditor = await issueLeaf(ca, {
    commonName: "vigil-auditor",
    spiffeId: `spiffe://vigil.test/auditor`,
    key: ecKey,
    ...validityFor("healthy", now),
  });

  const healthyNames = [...(opts.healthyNames ?? [])];
  const plan = Array.from({ length: count }, (_, i) => {
    const fault = FAULT_CYCLE[i % FAULT_CYCLE.length] ?? "healthy";
    return { fault, agent: (fault === "healthy" ? healthyNames.shift() : undefined) ?? agentName(i, fault) };
  });
  const leaves: (Leaf | undefined)[] = await Promise.all(
    plan.map(({ fault, agent }) =>
      fault === "unreachable"
        ? undefined
        : issueLeaf(fault === "rogue-ca" ? rogue.issuing : ca, {
            commonName: agent,
            spiffeId: spiffeIdFor(fault === "identity-mismatch" ? "impostor" : agent),
            key: fault === "weak-key" ? weakKey : ecKey,
            ...validityFor(fault, now),
          }),
    ),
  );

  const servers: RunningServer[] = [];
  const fleets: RunningThirdParty[] = [];
  const stop = async () => {
    await Promise.all([...servers.filter(Boolean).map((s) => s.close()), ...fleets.map((f) => f.stop())]);
  };
  try {
    // Third-party first: it picks free ports, and the Node "unreachable" ports must be freed after everything else binds.
    const copies = opts.thirdParty === false ? 0 : (opts.thirdPartyCopies ?? 1);
    for (let k = 0; k < copies; k++) {
      const suffix = k === 0 ? "" : `-${k + 1}`;
      const plan = THIRD_PARTY_PLAN.map((e) => ({ ...e, name: `${e.name}${suffix}` }));
      const sub = path.join(dir, `third-party${suffix}`);
      fleets.push(await startThirdPartyFleet({ dir: sub, host, now, mesh: pki, rogue, foreign, key: ecKey, plan }));
    }
    // Unreachable ports are reserved-then-freed LAST: freed earlier, the OS
    // would hand the same port to the next endpoint we start.
    const order = plan.map((_, i) => i).sort((a, b) => Number(plan[a]?.fault === "unreachable") - Number(plan[b]?.fault === "unreachable"));
    for (const i of order) {
      const { fault, agent } = plan[i] ?? { fault: "healthy" as const, agent: "" };
      const leaf = leaves[i];
      servers[i] = await startEndpointServer({
        fault,
        agent,
        host,
        certPem: leaf?.fullChainPem ?? "",
        keyPem: leaf?.keyPem ?? "",
        caPem: pki.root.certPem + ca.certPem,
      });
    }
    await Promise.all(servers.map((s) => s?.free?.()));
  } catch (e) {
    await stop();
    throw e;
  }

  const nodeEndpoints: MeshEndpoint[] = plan.map(({ fault, agent }, i) => {
    const port = servers[i]?.port ?? 0;
    const fingerprint256 = leaves[i]?.fingerprint256;
    const check = EXPECTED_CHECK[fault];
    return {
      endpoint: `${host}:${port}`,
      agent,
      spiffeId: spiffeIdFor(agent),
      fault,
      server: "node" as const,
      port,
      ...(fingerprint256 ? { fingerprint256 } : {}),
      expect: check ? [check] : [],
      unknown: [...(EXPECTED_UNKNOWN[fault] ?? [])],
    };
  });
  const thirdPartyEndpoints: MeshEndpoint[] = fleets
    .flatMap((f) => f.endpoints)
    .map(({ entry, port, fingerprint256 }) => ({
      endpoint: `${host}:${port}`,
      agent: entry.name,
      spiffeId: spiffeIdFor(entry.name),
      fault: entry.name,
      server: entry.server,
      port,
      ...(fingerprint256 ? { fingerprint256 } : {}),
      expect: [...entry.expect],
      unknown: [...entry.unknown],
    }));
  const endpoints = [...nodeEndpoints, ...thirdPartyEndpoints];

  // Certificates without an endpoint: one healthy, one expiring; each file is leaf + issuing CA, like cert-manager's tls.crt.
  const certsDir = path.join(dir, "certs-dir");
  const fileOk = await issueLeaf(ca, {
    commonName: "file-ok",
    spiffeId: spiffeIdFor("file-ok"),
    key: ecKey,
    ...validityFor("healthy", now),
  });
  const fileExpiring = await issueLeaf(ca, {
    commonName: "file-expiring",
    spiffeId: spiffeIdFor("file-expiring"),
    key: ecKey,
    ...validityFor("expiring", now),
  });

  const groundTruth = endpointTruth(endpoints, (e) => e.expect);
  groundTruth.push({ check: "MESH-CERT-EXPIRING", subject: { type: "certificate", id: fileExpiring.fingerprint256 } });
  const unknownTruth = endpointTruth(endpoints, (e) => e.unknown);

  await mkdir(certsDir, { recursive: true });
  const w = (rel: string, text: string) => writeFile(path.join(dir, rel), text, { mode: rel.endsWith("key.pem") ? 0o600 : 0o644 });
  try {
    await Promise.all([
      w("ca.pem", pki.root.certPem),
      w("issuing-ca.pem", ca.certPem),
      w("rogue-ca.pem", rogue.root.certPem),
      w("auditor.pem", auditor.fullChainPem),
      w("auditor-key.pem", auditor.keyPem),
      w("certs-dir/file-ok.pem", fileOk.fullChainPem),
      w("certs-dir/file-expiring.pem", fileExpiring.fullChainPem),
      ...(opts.writeEndpointCerts === false
        ? []
        : plan.flatMap(({ agent }, i) => {
            const leaf = leaves[i];
            return leaf ? [w(`certs/${agent}.pem`, leaf.fullChainPem), w(`certs/${agent}-key.pem`, leaf.keyPem)] : [];
          })),
      w(
        "mesh.json",
        JSON.stringify(
          {
            generatedAt: new Date(now).toISOString(),
            // After this the "expiring" certs have expired and the ground truth is stale: restart the mesh.
            groundTruthValidUntil: validityFor("expiring", now).notAfter.toISOString(),
            caFile: "ca.pem",
            auditorCertFile: "auditor.pem",
            auditorKeyFile: "auditor-key.pem",
            certsDir: "certs-dir",
            endpoints,
          },
          null,
          2,
        ),
      ),
      w(
        "agents.mesh.yaml",
        YAML.stringify({ agents: endpoints.map((e) => ({ name: e.agent, endpoint: e.endpoint, spiffeId: e.spiffeId })) }),
      ),
      w("ground-truth.mesh.json", JSON.stringify(groundTruth, null, 2)),
      w("unknown.mesh.json", JSON.stringify(unknownTruth, null, 2)),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    dir,
    endpoints,
    caPem: pki.root.certPem,
    issuingCaPem: ca.certPem,
    auditor: { certPem: auditor.fullChainPem, keyPem: auditor.keyPem },
    certsDir,
    pki,
    leafKey: ecKey,
    groundTruth,
    unknownTruth,
    stop,
  };
}
