/**
 * Start the third-party fleet: issue each entry's leaf from the Vault-shaped PKI,
 * write certificates and configs into the state dir, start nginx, HAProxy, Caddy,
 * stunnel and s_server on free loopback ports, and return once every port accepts
 * TCP. Any failure stops everything already started before it is thrown.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { issueLeaf, spiffeIdFor, type Issuer, type KeyPair, type PkiPair } from "../pki";
import { validityFor } from "../plan";
import { startCaddy } from "./caddy";
import type { EntryFiles, FleetFiles, GroupContext, PlacedEntry, Stoppable } from "./group";
import { startHaproxy } from "./haproxy";
import { startNginx } from "./nginx";
import { startOpensslServer } from "./openssl";
import { SERVER_BINARIES, THIRD_PARTY_PLAN, type ServerKind, type ThirdPartyEntry } from "./plan";
import { withFreshPorts } from "./process";
import { startStunnel } from "./stunnel";

const STARTERS: Record<ServerKind, (ctx: GroupContext) => Promise<Stoppable[]>> = {
  nginx: startNginx,
  haproxy: startHaproxy,
  caddy: startCaddy,
  stunnel: startStunnel,
  openssl: startOpensslServer,
};

export interface ThirdPartyFleetOptions {
  /** Where configs, certificates, pid files and logs go (inside the mesh state dir). */
  dir: string;
  host: string;
  now: number;
  mesh: PkiPair;
  rogue: PkiPair;
  /** Another team's CA, for the server that trusts the wrong one. */
  foreign: Issuer;
  key: KeyPair;
  plan?: readonly ThirdPartyEntry[];
}

export interface ThirdPartyEndpoint {
  entry: ThirdPartyEntry;
  port: number;
  fingerprint256?: string;
}
export interface RunningThirdParty {
  endpoints: ThirdPartyEndpoint[];
  stop(): Promise<void>;
}

async function writeShared(dir: string, o: ThirdPartyFleetOptions): Promise<FleetFiles> {
  const shared: FleetFiles = {
    clientCa: path.join(dir, "client-ca.pem"),
    root: path.join(dir, "root-ca.pem"),
    issuing: path.join(dir, "issuing-ca.pem"),
    foreignCa: path.join(dir, "foreign-ca.pem"),
  };
  await Promise.all([
    writeFile(shared.clientCa, o.mesh.root.certPem + o.mesh.issuing.certPem),
    writeFile(shared.root, o.mesh.root.certPem),
    writeFile(shared.issuing, o.mesh.issuing.certPem),
    writeFile(shared.foreignCa, o.foreign.certPem),
  ]);
  return shared;
}

async function writeEntryFiles(
  dir: string,
  entry: ThirdPartyEntry,
  o: ThirdPartyFleetOptions,
): Promise<{ files: EntryFiles; fingerprint256: string }> {
  const pair = entry.issuer === "rogue" ? o.rogue : o.mesh;
  const leaf = await issueLeaf(pair.issuing, {
    commonName: entry.name,
    spiffeId: spiffeIdFor(entry.name),
    key: o.key,
    ...validityFor(entry.validity, o.now),
  });
  const own = path.join(dir, "certs", entry.name);
  await mkdir(own, { recursive: true });
  const files: EntryFiles = {
    chain: path.join(own, "chain.pem"),
    leaf: path.join(own, "leaf.pem"),
    issuing: path.join(own, "issuing-ca.pem"),
    key: path.join(own, "key.pem"),
    combined: path.join(own, "combined.pem"),
  };
  const served = entry.sends === "leaf" ? leaf.certPem : leaf.fullChainPem;
  await Promise.all([
    writeFile(files.chain, served),
    writeFile(files.leaf, leaf.certPem),
    writeFile(files.issuing, pair.issuing.certPem),
    writeFile(files.key, o.key.keyPem, { mode: 0o600 }),
    writeFile(files.combined, served + o.key.keyPem, { mode: 0o600 }),
  ]);
  return { files, fingerprint256: leaf.fingerprint256 };
}

export async function startThirdPartyFleet(o: ThirdPartyFleetOptions): Promise<RunningThirdParty> {
  const plan = o.plan ?? THIRD_PARTY_PLAN;
  const kinds = [...new Set(plan.map((e) => e.server))];
  const missing = kinds.filter((k) => !existsSync(SERVER_BINARIES[k])).map((k) => SERVER_BINARIES[k]);
  if (missing.length) {
    throw new Error(
      `third-party mesh fleet needs ${missing.join(", ")} (Debian: nginx haproxy caddy stunnel4 openssl); ` +
        "or start the mesh with thirdParty: false",
    );
  }
  await mkdir(o.dir, { recursive: true });
  const shared = await writeShared(o.dir, o);
  const written = await Promise.all(plan.map((e) => (e.listener === "tls" ? writeEntryFiles(o.dir, e, o) : undefined)));

  const running: Stoppable[] = [];
  const stop = async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  };
  const ports = new Map<string, number>();
  try {
    for (const kind of kinds) {
      const group = plan.map((entry, i) => ({ entry, files: written[i]?.files })).filter((p) => p.entry.server === kind);
      const serverDir = path.join(o.dir, kind);
      await mkdir(serverDir, { recursive: true });
      const started = await withFreshPorts(o.host, group.length, (chosen) => {
        const entries: PlacedEntry[] = group.map((p, i) => ({ ...p, port: chosen[i] ?? 0 }));
        entries.forEach((p) => ports.set(p.entry.name, p.port));
        return STARTERS[kind]({ dir: serverDir, host: o.host, entries, shared });
      });
      running.push(...started);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const endpoints = plan.map((entry, i) => {
    const fingerprint256 = written[i]?.fingerprint256;
    return { entry, port: ports.get(entry.name) ?? 0, ...(fingerprint256 ? { fingerprint256 } : {}) };
  });
  return { endpoints, stop };
}
