/**
 * startConformance: the agents of issue #18 on loopback behind the mesh's mTLS — Python agents running reference 004's
 * middleware verbatim and corrected (child processes of /usr/bin/python3, stdlib only), Node agents with reference
 * 002's envelopes, capability-token agents that honour and ignore scopes, A2A cards served six ways — and the state
 * dir Vigil reads: vigil.config.yaml (mesh, registry, conformance credentials by file), the registry declaring each
 * agent's probes, and ground-truth.json derived from plan.ts.
 */
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { createPkiPair, issueLeaf, newKey, spiffeIdFor } from "../mesh/pki";
import { startDaemon, withFreshPorts, type Daemon } from "../mesh/third-party/process";
import { cardBody, publicPem, startCardServer, startEnvelopeAgent, type RunningAgent, type TlsFiles } from "./node-agents";
import { expectedStatuses, PLAN, type PlannedAgent, type Status } from "./plan";

export interface ConformanceTruth { check: string; endpoint: string; agent: string; status: Status }
export interface RunningConformance {
  dir: string;
  configFile: string;
  endpoints: { agent: string; endpoint: string; why: string }[];
  /** Every conformance check's expected status per endpoint: findings are the "fail" rows. */
  truth: ConformanceTruth[];
  stop(): Promise<void>;
}

export const defaultConformanceDir = () =>
  path.join(process.env.VIGIL_TESTBED_DIR ?? path.resolve(import.meta.dirname, "../../../.testbed"), "conformance");

const PYTHON = "/usr/bin/python3";
const AGENT_SCRIPT = path.join(import.meta.dirname, "hmac_agent.py");
const SENDER = "vigil-prober";
const FRESHNESS = 30;

/** A macaroon-style capability token (reference 002's fields), HMAC-signed by the "auth service". */
function capabilityToken(authSecret: string, capabilities: string[]): string {
  const body = Buffer.from(JSON.stringify({ agentId: SENDER, capabilities, expires: Date.now() + 3600e3, issuedBy: "auth-service" })).toString("base64url");
  return `${body}.${createHmac("sha256", authSecret).update(body).digest("base64url")}`;
}

export async function startConformance(opts: { dir?: string; host?: string } = {}): Promise<RunningConformance> {
  const dir = opts.dir ?? defaultConformanceDir();
  const host = opts.host ?? "127.0.0.1";
  const now = Date.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "secrets"), { recursive: true, mode: 0o700 });
  const file = async (name: string, text: string, secret = false) => {
    const full = path.join(dir, name);
    await writeFile(full, text, { mode: secret ? 0o600 : 0o644 });
    if (secret) await chmod(full, 0o600);
    return full;
  };

  const pki = await createPkiPair(now);
  const ecKey = await newKey("ec");
  const validity = { notBefore: new Date(now - 5 * 60e3), notAfter: new Date(now + 23 * 3600e3) };
  const auditor = await issueLeaf(pki.issuing, { commonName: "vigil-auditor", spiffeId: "spiffe://vigil.test/auditor", key: ecKey, ...validity });
  const clientCa = pki.root.certPem + pki.issuing.certPem;
  await file("ca.pem", pki.root.certPem);
  await file("ca-bundle.pem", clientCa);
  await file("auditor.pem", auditor.fullChainPem);
  await file("auditor-key.pem", auditor.keyPem, true);

  const hmacSecret = randomBytes(32).toString("hex");
  const authSecret = randomBytes(32).toString("hex");
  const prober = generateKeyPairSync("ed25519");
  const cardKey = { kid: "card-key-1", key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey };
  const rogueKey = { kid: "rogue-key", key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey };
  const credentials = {
    "prober-hmac": { hmacSecretFile: await file("secrets/prober.hmac", `${hmacSecret}\n`, true) },
    "prober-hmac-other": { hmacSecretFile: await file("secrets/other.hmac", `${randomBytes(32).toString("hex")}\n`, true) },
    "prober-ed25519": { ed25519KeyFile: await file("secrets/prober-ed25519.pem", prober.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), true) },
    "read-canary-token": { tokenFile: await file("secrets/read-canary.token", `${capabilityToken(authSecret, ["read:canary"])}\n`, true) },
  };
  await file("secrets/auth.secret", `${authSecret}\n`, true);

  const daemons: Daemon[] = [];
  const servers: RunningAgent[] = [];
  const stop = async () => { await Promise.all([...daemons.map((d) => d.stop()), ...servers.map((s) => s.close())]); };
  const started: { agent: PlannedAgent; port: number }[] = [];
  try {
    for (const agent of PLAN) {
      const leaf = await issueLeaf(pki.issuing, { commonName: agent.name, spiffeId: spiffeIdFor(agent.name), key: ecKey, ...validity });
      const tls: TlsFiles = { certPem: leaf.fullChainPem, keyPem: leaf.keyPem, caPem: clientCa };
      if (agent.kind === "hmac") {
        const cert = await file(`${agent.name}.pem`, leaf.fullChainPem);
        const key = await file(`${agent.name}-key.pem`, leaf.keyPem, true);
        const daemon = await withFreshPorts(host, 1, ([port]) => startDaemon({
          name: `conformance ${agent.name}`, command: PYTHON, cwd: dir, host, ports: [port ?? 0],
          logFile: path.join(dir, `${agent.name}.log`),
          args: [AGENT_SCRIPT, "--port", String(port), "--host", host, "--cert", cert, "--key", key, "--ca", path.join(dir, "ca-bundle.pem"),
            "--secret-file", path.join(dir, "secrets/prober.hmac"), "--sender", SENDER, "--middleware", agent.middleware,
            "--capabilities", agent.capabilities, "--auth-secret-file", path.join(dir, "secrets/auth.secret")],
        }).then((d) => ({ d, port: port ?? 0 })));
        daemons.push(daemon.d);
        started.push({ agent, port: daemon.port });
      } else if (agent.kind === "envelope") {
        const keys = new Map([["vigil-prober-key", { owner: SENDER, key: prober.publicKey }]]);
        const s = await startEnvelopeAgent(tls, host, { keys, checkSender: agent.checkSender, maxAgeSeconds: FRESHNESS, futureSkewSeconds: 2 });
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

  const endpoints = started.map(({ agent, port }) => ({ agent: agent.name, endpoint: `${host}:${port}`, why: agent.why }));
  const registry = { agents: started.map(({ agent, port }) => ({
    name: agent.name, endpoint: `${host}:${port}`, spiffeId: spiffeIdFor(agent.name), probes: probesFor(agent, publicPem(cardKey.key), cardKey.kid),
  })) };
  await file("agents.conformance.yaml", `# Conformance test bed (issue #18): each agent's declared probes\n${YAML.stringify(registry)}`);
  const configFile = await file("vigil.config.yaml", YAML.stringify({
    mesh: { caFile: "ca.pem", clientCertFile: "auditor.pem", clientKeyFile: "auditor-key.pem", endpoints: endpoints.map((e) => ({ endpoint: e.endpoint, agent: e.agent })) },
    registry: "agents.conformance.yaml",
    conformance: { credentials },
  }));
  const truth = started.flatMap(({ agent, port }) => Object.entries(expectedStatuses(agent)).map(([check, status]) => ({
    check, endpoint: `${host}:${port}`, agent: agent.name, status,
  })));
  await file("ground-truth.json", JSON.stringify({ endpoints, truth }, null, 2));
  return { dir, configFile, endpoints, truth, stop };
}

function probesFor(agent: PlannedAgent, cardPublicKeyPem: string, kid: string): Record<string, unknown> {
  if (agent.kind === "card") return { agentCard: { keys: [{ kid, publicKeyPem: cardPublicKeyPem }] } };
  const common = { canary: { method: "POST", path: "/canary" }, freshnessSeconds: FRESHNESS, futureSkewSeconds: 2, senderId: SENDER };
  if (agent.kind === "envelope") return { messages: { format: "signed-envelope", ...common, keyId: "vigil-prober-key", credential: "prober-ed25519" } };
  const capability = agent.capabilities === "off" ? {} : {
    capability: { token: "read-canary-token", scopes: ["read:canary"], outOfScope: { method: "POST", path: "/reports/dry-run", scope: "write:reports" } },
  };
  return { messages: { format: "hmac-headers", ...common, credential: agent.misdeclared ? "prober-hmac-other" : "prober-hmac", ...capability } };
}
