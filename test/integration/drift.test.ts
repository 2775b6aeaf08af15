/**
 * Drift against a real, mutated test bed (its own Synapse and its own mesh, in
 * a temporary folder, so the shared .testbed is never touched). Scan, then
 * change the world for real — a new device and a new master key for an agent,
 * a plaintext room with agents, a rotated certificate — scan again, and demand
 * that the drift list and the new findings are exactly those changes.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSnapshots } from "@/lib/drift/diff-snapshots";
import { allChecks } from "@/lib/rules/catalogue";
import { evaluate } from "@/lib/rules/evaluate";
import { findingKey, type Finding } from "@/lib/rules/types";
import { collectSnapshot } from "@/lib/scan/collect-snapshot";
import { scanConfigFromFile } from "@/lib/scan/config-from-file";
import type { Snapshot } from "@/lib/snapshot/types";
import { passwordLogin } from "@/scripts/testbed/fleet/accounts";
import { startCryptoClient, stopClient, waitForDeviceKeys } from "@/scripts/testbed/fleet/crypto-client";
import { api } from "@/scripts/testbed/fleet/http";
import { createCa, issueLeaf, newKey, spiffeIdFor, type Issuer, type KeyPair } from "@/scripts/testbed/mesh/pki";
import { validityFor } from "@/scripts/testbed/mesh/plan";
import { startEndpointServer, type RunningServer } from "@/scripts/testbed/mesh/servers";
import { synapseDir } from "@/scripts/testbed/synapse/paths";
import { stopSynapse } from "@/scripts/testbed/synapse/synapse";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

let dir: string;
let tb: Testbed;
let ca: Issuer;
let key: KeyPair;
let server: RunningServer | undefined;
let configPath: string;
let endpoint: string;
let first: { snapshot: Snapshot; findings: Finding[] };

const SVC = "drift-svc";

async function startSvc(port?: number): Promise<RunningServer> {
  const leaf = await issueLeaf(ca, { commonName: SVC, spiffeId: spiffeIdFor(SVC), key, ...validityFor("healthy", Date.now()) });
  return startEndpointServer({
    fault: "healthy",
    agent: SVC,
    host: "127.0.0.1",
    port,
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
    caPem: ca.certPem,
  });
}

async function scan(baseline?: Snapshot) {
  const config = scanConfigFromFile(configPath);
  const collected = await collectSnapshot(config);
  expect(collected.snapshot.errors).toEqual([]);
  const snapshot: Snapshot = { ...collected.snapshot, registry: config.registry };
  const evaluation = evaluate(allChecks, {
    snapshot,
    policy: config.policy,
    registry: config.registry,
    baseline,
    now: new Date(snapshot.takenAt),
  });
  expect(evaluation.errors).toEqual([]);
  return { snapshot, findings: evaluation.findings };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-drift-it-"));
  tb = await startTestbed({ dir, outDir: dir });
  // A one-endpoint mesh of our own, so a certificate can be rotated on the same port.
  [ca, key] = await Promise.all([createCa(), newKey("ec")]);
  const auditor = await issueLeaf(ca, {
    commonName: "vigil-auditor",
    spiffeId: "spiffe://vigil.test/auditor",
    key,
    ...validityFor("healthy", Date.now()),
  });
  server = await startSvc();
  endpoint = `127.0.0.1:${server.port}`;
  const own = path.join(dir, "drift-mesh");
  await mkdir(own, { recursive: true });
  await Promise.all([
    writeFile(path.join(own, "ca.pem"), ca.certPem),
    writeFile(path.join(own, "auditor.pem"), auditor.certPem),
    writeFile(path.join(own, "auditor-key.pem"), auditor.keyPem, { mode: 0o600 }),
    writeFile(path.join(own, "agents.yaml"), `agents:\n  - name: ${SVC}\n    endpoint: ${endpoint}\n    spiffeId: ${spiffeIdFor(SVC)}\n`),
    // The policy file is read by the CLI path: the plaintext room's severity comes from here.
    writeFile(path.join(dir, "policy.yaml"), "severities:\n  MX-ROOM-PLAINTEXT: high\n"),
  ]);
  configPath = path.join(dir, "drift.config.yaml");
  await writeFile(
    configPath,
    `homeserver:\n  baseUrl: ${tb.matrix.homeserver.baseUrl}\n  accessTokenFile: auditor.token\n` +
      `mesh:\n  caFile: drift-mesh/ca.pem\n  clientCertFile: drift-mesh/auditor.pem\n  clientKeyFile: drift-mesh/auditor-key.pem\n  endpoints:\n    - endpoint: ${endpoint}\n      agent: ${SVC}\n` +
      `registry:\n  - agents.yaml\n  - drift-mesh/agents.yaml\nagentProfiles: agents\npolicy: policy.yaml\n`,
  );
  first = await scan();
});

afterAll(async () => {
  await server?.close();
  await tb?.stop();
  if (dir) {
    await stopSynapse(synapseDir(dir));
    await rm(dir, { recursive: true, force: true });
  }
});

describe("drift on a mutated test bed", () => {
  it("the first scan has exactly the seeded Matrix faults: the agents' profiles and the own mesh add nothing", () => {
    const want = tb.groundTruth
      .filter((g) => g.check.startsWith("MX-"))
      .map((g) => findingKey(g as never))
      .sort();
    expect(first.findings.map(findingKey).sort()).toEqual(want);
    expect(first.snapshot.registry?.profiles?.map((p) => p.name)).toEqual([
      "alpha",
      "beta",
      "delta",
      "echo",
      "foxtrot",
      "gamma",
      "hotel",
      "india",
      "juliet",
    ]);
  });

  it("reports exactly the changes made, as drift and as findings", async () => {
    const m = tb.matrix;
    const alpha = m.agents.alpha;
    const beta = m.agents.beta;
    if (!alpha || !beta) throw new Error("test bed has no alpha/beta");
    const baseUrl = m.homeserver.baseUrl;

    // 1+2. agent-alpha logs in with a new device and resets its cross-signing identity from it.
    const session = await passwordLogin(baseUrl, alpha.userId, alpha.password, "ALPHA99", "drift test");
    const client = await startCryptoClient(baseUrl, session);
    try {
      await waitForDeviceKeys(baseUrl, session.accessToken, alpha.userId, "ALPHA99");
      const crypto = client.getCrypto();
      if (!crypto) throw new Error("no crypto");
      await crypto.bootstrapCrossSigning({
        setupNewCrossSigning: true,
        authUploadDeviceSigningKeys: async (makeRequest) => {
          try {
            return await makeRequest(null);
          } catch (e) {
            const uia = (e as { data?: { session?: string } }).data?.session;
            if (!uia) throw e;
            return makeRequest({
              type: "m.login.password",
              identifier: { type: "m.id.user", user: alpha.userId },
              password: alpha.password,
              session: uia,
            });
          }
        },
      });
    } finally {
      stopClient(client);
    }

    // 3. A plaintext room with two agents (test code only: the test bed creating it on purpose).
    const { room_id: roomId } = await api<{ room_id: string }>(baseUrl, "POST", "/_matrix/client/v3/createRoom", {
      token: alpha.accessToken,
      body: {
        name: "Drift plaintext",
        preset: "private_chat",
        invite: [beta.userId],
        initial_state: [{ type: "m.room.guest_access", state_key: "", content: { guest_access: "forbidden" } }],
      },
    });
    await api(baseUrl, "POST", `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, { token: beta.accessToken, body: {} });

    // 4. The endpoint restarts on the same port with a certificate re-issued by the same CA.
    const port = server?.port;
    await server?.close();
    server = await startSvc(port);

    const second = await scan(first.snapshot);
    const drift = diffSnapshots(first.snapshot, second.snapshot).map((c) => `${c.kind} ${c.subject.id} ${c.severity}`);
    expect(drift.sort()).toEqual(
      [
        `identity-changed ${alpha.userId} critical`,
        `device-added ${alpha.userId}|ALPHA99 high`,
        // Consequence of the new identity: the old device is not signed by the new self-signing key.
        `device-trust ${alpha.userId}|ALPHA01 high`,
        `room-added ${roomId} critical`,
        `cert-rotated ${endpoint} info`,
      ].sort(),
    );

    const before = new Set(first.findings.map(findingKey));
    const opened = second.findings.filter((f) => !before.has(findingKey(f)));
    expect(opened.map((f) => `${f.check} ${f.subject.id} ${f.severity}`).sort()).toEqual(
      [
        `MX-IDENTITY-CHANGED ${alpha.userId} critical`,
        `MX-DEVICE-UNEXPECTED ${alpha.userId}|ALPHA99 high`,
        `MX-DEVICE-UNSIGNED ${alpha.userId}|ALPHA01 high`,
        `MX-ROOM-PLAINTEXT ${roomId} high`,
      ].sort(),
    );
    const after = new Set(second.findings.map(findingKey));
    expect(first.findings.filter((f) => !after.has(findingKey(f)))).toEqual([]);
  });
});
