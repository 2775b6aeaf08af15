/**
 * The agents of issue #18 on loopback behind the mesh's mTLS — Python agents running reference 004's middleware
 * verbatim and corrected (child processes of /usr/bin/python3, stdlib only), Node agents with reference 002's
 * envelopes, capability-token agents that honour and ignore scopes, A2A cards served six ways.
 *
 * startConformanceAgents issues their leaves from a PKI it is given — the main test bed passes the mesh's own, so
 * the agents are endpoints of the same mesh — and writes the registry declaring each agent's probes, the prober's
 * credentials and the truth derived from plan.ts. startConformance is the standalone bed around it (own PKI, own
 * vigil.config.yaml and ground-truth.json) that test/integration/conformance.test.ts scans.
 */
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { createPkiPair, issueLeaf, newKey, spiffeIdFor, type KeyPair, type PkiPair } from "../mesh/pki";
import { validityFor } from "../mesh/plan";
import { startDaemon, withFreshPorts, type Daemon } from "../mesh/third-party/process";
import { cardBody, publicPem, startCardServer, startEnvelopeAgent, type RunningAgent, type TlsFiles } from "./node-agents";
import { expectedStatuses, PLAN, type PlannedAgent, type Status } from "./plan";

export interface ConformanceTruth {
  check: string;
  endpoint: string;
  agent: string;
  status: Status;
}
export interface ConformanceEndpoint {
  agent: string;
  endpoint: string;
  spiffeId: string;
  why: string;
}
/** vigil.config.yaml's conformance.credentials, file paths absolute (callers make them relative to their config). */
export type CredentialFiles = Record<string, { hmacSecretFile: string } | { ed25519KeyFile: string } | { tokenFile: string }>;

export interface RunningConformanceAgents {
  dir: string;
  endpoints: ConformanceEndpoint[];
  /** agents.conformance.yaml: each agent's endpoint, SPIFFE id and declared probes. */
  registryFile: string;
  credentials: CredentialFiles;
  /** Every conformance check's expected status per endpoint: findings are the "fail" rows. */
  truth: ConformanceTruth[];
  stop(): Promise<void>;
}
export interface RunningConformance extends RunningConformanceAgents {
  configFile: string;
}

export const defaultConformanceDir = () =>
  path.join(process.env.VIGIL_TESTBED_DIR ?? path.resolve(import.meta.dirname, "../../../.testbed"), "conformance");

const PYTHON = "/usr/bin/python3";
const AGENT_SCRIPT = path.join(import.meta.dirname, "hmac_agent.py");
const SENDER = "vigil-prober";
const FRESHNESS = 30;

/** The truth's findings (its "fail" rows) in the main ground truth's shape: conformance subjects are endpoints. */
export const conformanceFindings = (truth: ConformanceTruth[]) =>
  truth.filter((t) => t.status === "fail").map((t) => ({ check: t.check, subject: { type: "endpoint" as const, id: t.endpoint } }));

/** A macaroon-style capability token (reference 002's fields), HMAC-signed by the "auth service". */
function capabilityToken(authSecret: string, capabilities: string[]): string {
  const claims = { agentId: SENDER, capabilities, expires: Date.now() + 3600e3, issuedBy: "auth-service" };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${createHmac("sha256", authSecret).update(body).digest("base64url")}`;
}

export interface StartConformanceAgentsOptions {
  /** Emptied first: it holds this bed's secrets and logs only. */
  dir: string;
  /** The mesh PKI: leaves come from its issuing CA, and client certificates must chain to it. */
  pki: PkiPair;
  /** The leaves' key (the mesh reuses one EC key across leaves). */
  key: KeyPair;
  host?: string;
  now?: number;
}

export async function startConformanceAgents(opts: StartConformanceAgentsOptions): Promise<RunningConformanceAgents> {
  const { dir, pki, key } = opts;
  const host = opts.host ?? "127.0.0.1";
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "secrets"), { recursive: true, mode: 0o700 });
  const file = (name: string, text: string, secret = false) => writeTo(dir, name, text, secret);
  // A healthy mesh leaf's validity, so the mesh checks pass here and only the conformance checks speak.
  const validity = validityFor("healthy", opts.now ?? Date.now());
  const clientCa = pki.root.certPem + pki.issuing.certPem;
  const caBundle = await file("ca-bundle.pem", clientCa);

  const hmacSecret = randomBytes(32).toString("hex");
  const authSecret = randomBytes(32).toString("hex");
  const prober = generateKeyPairSync("ed25519");
  const cardKey = { kid: "card-key-1", key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey };
  const rogueKey = { kid: "rogue-key", key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey };
  const proberPem = prober.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const credentials: CredentialFiles = {
    "prober-hmac": { hmacSecretFile: await file("secrets/prober.hmac", `${hmacSecret}\n`, true) },
    "prober-hmac-other": { hmacSecretFile: await file("secrets/other.hmac", `${randomBytes(32).toString("hex")}\n`, true) },
    "prober-ed25519": { ed25519KeyFile: await file("secrets/prober-ed25519.pem", proberPem, true) },
    "read-canary-token": { tokenFile: await file("secrets/read-canary.token", `${capabilityToken(authSecret, ["read:canary"])}\n`, true) },
  };
  const authSecretFile = await file("secrets/auth.secret", `${authSecret}\n`, true);

  const daemons: Daemon[] = [];
  const servers: RunningAgent[] = [];
  const stop = async () => {
    await Promise.all([...daemons.map((d) => d.stop()), ...servers.map((s) => s.close())]);
  };
  const started: { agent: PlannedAgent; port: number }[] = [];
  try {
    for (const agent of PLAN) {
      const leaf = await issueLeaf(pki.issuing, { commonName: agent.name, spiffeId: spiffeIdFor(agent.name), key, ...validity });
      const tls: TlsFiles = { certPem: leaf.fullChainPem, keyPem: leaf.keyPem, caPem: clientCa };
      if (agent.kind === "hmac") {
        const cert = await file(`${agent.name}.pem`, leaf.fullChainPem);
        const keyFile = await file(`${agent.name}-key.pem`, leaf.keyPem, true);
        const daemon = await withFreshPorts(host, 1, ([port]) =>
          startDaemon({
            name: `conformance ${agent.name}`,
            command: PYTHON,
            cwd: dir,
            host,
            ports: [port ?? 0],
            logFile: path.join(dir, `${agent.name}.log`),
            args: [
              AGENT_SCRIPT,
              "--port",
              String(port),
              "--host",
              host,
              "--cert",
              cert,
              "--key",
              keyFile,
              "--ca",
              caBundle,
              "--secret-file",
              path.join(dir, "secrets/prober.hmac"),
              "--sender",
              SENDER,
              "--middleware",
              agent.middleware,
              "--capabilities",
              agent.capabilities,
              "--auth-secret-file",
              authSecretFile,
            ],
          }).then((d) => ({ d, port: port ?? 0 })),
        );
        daemons.push(daemon.d);
        started.push({ agent, port: daemon.port });
      } else if (agent.kind === "envelope") {
        const keys = new Map([["vigil-prober-key", { owner: SENDER, key: prober.publicKey }]]);
        const s = await startEnvelopeAgent(tls, host, {
          keys,
          checkSender: agent.checkSender,
          maxAgeSeconds: FRESHNESS,
          futureSkewSeconds: 2,
        });
        servers.push(s);
        started.push({ agent, port: s.port });
      } else {
        const s = await startCardServer(tls, host, agent.mode, cardBody(agent.mode, agent.name, `https://${host}/`, cardKey, rogueKey));
        servers.push(s);
        started.push({ agent, port: s.port });
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }

  const endpoints = started.map(({ agent, port }) => ({
    agent: agent.name,
    endpoint: `${host}:${port}`,
    spiffeId: spiffeIdFor(agent.name),
    why: agent.why,
  }));
  const registry = {
    agents: started.map(({ agent }, i) => ({
      name: agent.name,
      endpoint: endpoints[i]?.endpoint,
      spiffeId: spiffeIdFor(agent.name),
      probes: probesFor(agent, publicPem(cardKey.key), cardKey.kid),
    })),
  };
  const registryYaml = `# Conformance test bed (issue #18): each agent's declared probes\n${YAML.stringify(registry)}`;
  const registryFile = await file("agents.conformance.yaml", registryYaml);
  const truth = started.flatMap(({ agent, port }) =>
    Object.entries(expectedStatuses(agent)).map(([check, status]) => ({
      check,
      endpoint: `${host}:${port}`,
      agent: agent.name,
      status,
    })),
  );
  await file("conformance.json", JSON.stringify({ endpoints, truth }, null, 2));
  return { dir, endpoints, registryFile, credentials, truth, stop };
}

/** The standalone bed: its own PKI and auditor, a config naming only these agents, and the plan's truth beside it. */
export async function startConformance(opts: { dir?: string; host?: string } = {}): Promise<RunningConformance> {
  const dir = opts.dir ?? defaultConformanceDir();
  const now = Date.now();
  const [pki, key] = await Promise.all([createPkiPair(now), newKey("ec")]);
  const agents = await startConformanceAgents({ dir, pki, key, now, ...(opts.host ? { host: opts.host } : {}) });
  try {
    const auditor = await issueLeaf(pki.issuing, {
      commonName: "vigil-auditor",
      spiffeId: "spiffe://vigil.test/auditor",
      key,
      ...validityFor("healthy", now),
    });
    await writeTo(dir, "ca.pem", pki.root.certPem);
    await writeTo(dir, "auditor.pem", auditor.fullChainPem);
    await writeTo(dir, "auditor-key.pem", auditor.keyPem, true);
    const configFile = await writeTo(
      dir,
      "vigil.config.yaml",
      YAML.stringify({
        mesh: {
          caFile: "ca.pem",
          clientCertFile: "auditor.pem",
          clientKeyFile: "auditor-key.pem",
          endpoints: agents.endpoints.map((e) => ({ endpoint: e.endpoint, agent: e.agent })),
        },
        registry: "agents.conformance.yaml",
        conformance: { credentials: agents.credentials },
      }),
    );
    await writeTo(dir, "ground-truth.json", JSON.stringify({ endpoints: agents.endpoints, truth: agents.truth }, null, 2));
    return { ...agents, configFile };
  } catch (e) {
    await agents.stop();
    throw e;
  }
}

async function writeTo(dir: string, name: string, text: string, secret = false): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text, { mode: secret ? 0o600 : 0o644 });
  if (secret) await chmod(full, 0o600); // writeFile's mode applies to new files only
  return full;
}

function probesFor(agent: PlannedAgent, cardPublicKeyPem: string, kid: string): Record<string, unknown> {
  if (agent.kind === "card") return { agentCard: { keys: [{ kid, publicKeyPem: cardPublicKeyPem }] } };
  const common = { canary: { method: "POST", path: "/canary" }, freshnessSeconds: FRESHNESS, futureSkewSeconds: 2, senderId: SENDER };
  if (agent.kind === "envelope") {
    return { messages: { format: "signed-envelope", ...common, keyId: "vigil-prober-key", credential: "prober-ed25519" } };
  }
  const outOfScope = { method: "POST", path: "/reports/dry-run", scope: "write:reports" };
  const capability =
    agent.capabilities === "off" ? {} : { capability: { token: "read-canary-token", scopes: ["read:canary"], outOfScope } };
  return {
    messages: { format: "hmac-headers", ...common, credential: agent.misdeclared ? "prober-hmac-other" : "prober-hmac", ...capability },
  };
}
