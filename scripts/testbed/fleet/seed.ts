/**
 * seedFleet: from an empty Synapse to the planned fleet — accounts, devices,
 * cross-signing, rooms, traffic, deliberate faults — then the output files.
 * Seeding needs a fresh Synapse state (users can't be re-registered and the
 * in-memory crypto of a previous run is gone), so it is all-or-nothing:
 * an intact previous seed is reused as is, anything else is wiped and redone.
 */
import fs from "node:fs";
import path from "node:path";
import type { MatrixClient } from "matrix-js-sdk";
import { readState } from "../synapse/config";
import { synapseDir, testbedDir } from "../synapse/paths";
import { startSynapse, stopSynapse, type SynapseHandle } from "../synapse/synapse";
import { newPassword, passwordLogin, registerUser, type Session } from "./accounts";
import { bootstrapCrossSigning, crossSignOwnDevice, startCryptoClient, stopClient, waitForDeviceKeys } from "./crypto-client";
import { deriveGroundTruth } from "./ground-truth";
import { api } from "./http";
import { GROUND_TRUTH_JSON, MATRIX_JSON, readTestbed, REGISTRY_YAML, writeOutputs, type AccountOut, type MatrixTestbed } from "./outputs";
import { startPythonFleet, PYAGENTS_DIR, type PythonFleet } from "../pyagents/fleet-agents";
import type { PyAgent } from "../pyagents/agent-process";
import { AGENTS, AUDITOR, OUTSIDER, planDigest, ROOMS } from "./plan";
import { buildRoom, roomTraffic } from "./rooms";
import { backdateDevices } from "./stale";

export interface SeedOptions {
  /** Testbed dir (default $VIGIL_TESTBED_DIR or <repo>/.testbed). */
  dir?: string;
  /** Wipe Synapse state and reseed even if an intact seed exists. */
  fresh?: boolean;
  /** Keep the primary clients (auditor, outsider, agents) syncing after seeding. */
  keepClients?: boolean;
  log?: (msg: string) => void;
}

export interface SeedResult {
  testbed: MatrixTestbed;
  /** True when an intact previous seed was reused. */
  reused: boolean;
  synapse: SynapseHandle;
  /** Live clients by name ("auditor", "mallory", agent names) when keepClients. */
  clients: Map<string, MatrixClient>;
  /** Live Python agents by name when keepClients: the ones that answer verification (nio). */
  pyAgents: Map<string, PyAgent>;
  /** Stops the clients and the Python agents (not Synapse). */
  stopClients(): Promise<void>;
}

/**
 * Marks a seed handed to live clients. The browser tests act on a live seed (they bootstrap
 * the auditor's cross-signing, enable encryption, sign devices out), so it no longer matches
 * its ground truth and must never be reused as intact.
 */
const LIVE_MARKER = "seed-went-live";

/** Every mautrix agent's config.yaml is recorded and still there (seeds from before the registry declared them are not). */
const botConfigsIntact = (tb: MatrixTestbed): boolean =>
  AGENTS.every((a) => a.client !== "mautrix" || fs.existsSync(tb.agents[a.name]?.botConfig ?? ""));

/**
 * An earlier seed is usable only if it was made from this plan, belongs to this Synapse state, was never live,
 * declares its bots' config files, and its auditor token works.
 */
async function intactSeed(dir: string, syn: SynapseHandle): Promise<MatrixTestbed | null> {
  const tb = readTestbed(dir);
  if (fs.existsSync(path.join(dir, LIVE_MARKER))) return null;
  if (!tb || tb.planDigest !== planDigest() || !botConfigsIntact(tb)) return null;
  if (tb.homeserver.stateCreatedAt !== readState(syn.dir)?.createdAt || tb.homeserver.baseUrl !== syn.baseUrl) return null;
  try {
    const me = await api<{ user_id: string }>(syn.baseUrl, "GET", "/_matrix/client/v3/account/whoami", { token: tb.auditor.accessToken });
    return me.user_id === tb.auditor.userId ? tb : null;
  } catch {
    return null;
  }
}

function wipe(dir: string) {
  fs.rmSync(synapseDir(dir), { recursive: true, force: true });
  const outputs = [MATRIX_JSON, REGISTRY_YAML, GROUND_TRUTH_JSON, "agents", PYAGENTS_DIR, LIVE_MARKER];
  for (const f of outputs) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
}

export async function seedFleet(opts: SeedOptions = {}): Promise<SeedResult> {
  const dir = path.resolve(opts.dir ?? testbedDir());
  const log = opts.log ?? (() => {});
  const sdir = synapseDir(dir);
  fs.mkdirSync(dir, { recursive: true });

  if (!opts.fresh && readTestbed(dir)) {
    const syn = await startSynapse({ dir: sdir, log });
    const tb = await intactSeed(dir, syn);
    if (tb && !opts.keepClients) {
      log("existing seed is intact; nothing to do");
      return { testbed: tb, reused: true, synapse: syn, clients: new Map(), pyAgents: new Map(), stopClients: async () => {} };
    }
    if (tb) log("existing seed is intact but its crypto died with its process; reseeding to run live clients");
  }
  await stopSynapse(sdir);
  wipe(dir);
  const t0 = Date.now();
  let syn = await startSynapse({ dir: sdir, log });
  const { baseUrl, serverName } = syn;
  log(`seeding ${baseUrl}`);

  // ---- accounts
  const pw = new Map<string, string>();
  const mkUser = async (localpart: string, admin = false) => {
    pw.set(localpart, newPassword());
    return registerUser(baseUrl, syn.registrationSecret, { localpart, password: pw.get(localpart)!, admin, displayName: localpart });
  };
  const auditorId = await mkUser(AUDITOR.localpart, true);
  const outsiderId = await mkUser(OUTSIDER.localpart);
  const agentIds: Record<string, string> = {};
  for (const a of AGENTS) agentIds[a.name] = await mkUser(`agent-${a.name}`);
  const login = (userId: string, localpart: string, deviceId: string) =>
    passwordLogin(baseUrl, userId, pw.get(localpart)!, deviceId, `vigil-testbed ${localpart} ${deviceId}`);

  // ---- devices: every crypto device starts syncing and uploads its keys
  const auditorS = await login(auditorId, AUDITOR.localpart, AUDITOR.deviceId);
  const outsiderS = await login(outsiderId, OUTSIDER.localpart, OUTSIDER.deviceId);
  const sessions = new Map<string, Session>(); // "<agent>/<device>" → session
  const jsAgents = AGENTS.filter((a) => a.client === "js-sdk"); // the others log in themselves
  for (const a of jsAgents) {
    for (const d of a.devices) sessions.set(`${a.name}/${d.id}`, await login(agentIds[a.name]!, `agent-${a.name}`, d.id));
  }
  // A bare device still makes one authenticated call, so it has a recent last_seen
  // (never-seen would blur MX-DEVICE-NO-KEYS with MX-DEVICE-STALE).
  for (const a of AGENTS) {
    for (const d of a.devices.filter((x) => x.kind === "bare")) {
      await api(baseUrl, "GET", "/_matrix/client/v3/account/whoami", { token: sessions.get(`${a.name}/${d.id}`)!.accessToken });
    }
  }
  // Agents built by other hands start beside ours and set themselves up (mautrix: cross-signing, backup).
  const python: PythonFleet = startPythonFleet({
    baseUrl,
    dir,
    plans: AGENTS,
    userIds: agentIds,
    passwordOf: (name) => pw.get(`agent-${name}`) ?? "",
    auditorUserId: auditorId,
    maxLifetimeSeconds: opts.keepClients ? 6 * 3600 : 600,
    log,
  });
  const clients = new Map<string, MatrixClient>();
  const secondary: MatrixClient[] = [];
  try {
    const starts: Promise<void>[] = [
      python.ready,
      startCryptoClient(baseUrl, auditorS).then((c) => void clients.set("auditor", c)),
      startCryptoClient(baseUrl, outsiderS).then((c) => void clients.set(OUTSIDER.localpart, c)),
    ];
    for (const a of jsAgents) {
      for (const d of a.devices) {
        if (d.kind === "bare") continue; // plain /login only: MX-DEVICE-NO-KEYS
        const p = startCryptoClient(baseUrl, sessions.get(`${a.name}/${d.id}`)!);
        starts.push(p.then((c) => void (d.kind === "primary" ? clients.set(a.name, c) : secondary.push(c))));
      }
    }
    await Promise.all(starts);
    for (const [key, s] of python.sessions) sessions.set(key, s);
    const keyed = [
      auditorS,
      outsiderS,
      ...[...sessions.entries()]
        .filter(([k]) => !AGENTS.some((a) => a.devices.some((d) => d.kind === "bare" && k === `${a.name}/${d.id}`)))
        .map(([, s]) => s),
    ];
    await Promise.all(keyed.map((s) => waitForDeviceKeys(baseUrl, auditorS.accessToken, s.userId, s.deviceId)));
    log(`devices up (${Date.now() - t0} ms)`);

    // ---- cross-signing: everyone except agents planned without it
    await bootstrapCrossSigning(clients.get("auditor")!, pw.get(AUDITOR.localpart)!);
    await bootstrapCrossSigning(clients.get(OUTSIDER.localpart)!, pw.get(OUTSIDER.localpart)!);
    for (const a of jsAgents.filter((x) => x.crossSigning)) {
      await bootstrapCrossSigning(clients.get(a.name)!, pw.get(`agent-${a.name}`)!);
      for (const d of a.devices.filter((x) => x.kind === "signed")) await crossSignOwnDevice(clients.get(a.name)!, d.id);
    }
    secondary.forEach(stopClient); // they never come back: that keeps the stale one stale
    log(`cross-signing done (${Date.now() - t0} ms)`);

    // ---- rooms and traffic
    const built = await Promise.all(
      ROOMS.map(async (r) => {
        const id = await buildRoom(r, clients, agentIds);
        await roomTraffic(r, id, clients);
        return [r.key, id] as const;
      }),
    );
    const roomIds: Record<string, string> = Object.fromEntries(built); // plan order, stable across seeds
    log(`rooms done (${Date.now() - t0} ms)`);
    // Only agents that answer verification stay up when live; the rest have done their part.
    await python.stop(opts.keepClients ? [...python.agents.values()].filter((p) => p.client !== "nio").map((p) => p.name) : undefined);

    // ---- stale devices: edit the DB while Synapse is down
    const stale = AGENTS.flatMap((a) => a.devices.filter((d) => d.stale).map((d): [string, string] => [agentIds[a.name]!, d.id]));
    if (!opts.keepClients) for (const c of clients.values()) stopClient(c);
    if (stale.length) {
      await stopSynapse(sdir);
      backdateDevices(sdir, stale);
      syn = await startSynapse({ dir: sdir, log });
    }

    const acct = (s: Session, localpart: string, deviceIds: string[]): AccountOut => ({
      userId: s.userId,
      password: pw.get(localpart)!,
      deviceIds,
      primaryDeviceId: s.deviceId,
      accessToken: s.accessToken,
    });
    const st = readState(sdir)!;
    const tb: MatrixTestbed = {
      version: 1,
      planDigest: planDigest(),
      seededAt: new Date().toISOString(),
      seedMs: Date.now() - t0,
      homeserver: { baseUrl, serverName, synapseVersion: st.synapseVersion, stateDir: sdir, stateCreatedAt: st.createdAt },
      auditor: { ...acct(auditorS, AUDITOR.localpart, [auditorS.deviceId]), admin: true },
      agents: Object.fromEntries(
        AGENTS.map((a) => [
          a.name,
          {
            ...acct(
              sessions.get(`${a.name}/${a.devices[0]!.id}`)!,
              `agent-${a.name}`,
              a.devices.map((d) => d.id),
            ),
            declaredDeviceIds: a.devices.filter((d) => d.declared).map((d) => d.id),
            crossSigning: a.crossSigning,
            client: a.client,
            ...(python.botConfigs.has(a.name) ? { botConfig: python.botConfigs.get(a.name) } : {}),
          },
        ]),
      ),
      others: { [OUTSIDER.localpart]: acct(outsiderS, OUTSIDER.localpart, [outsiderS.deviceId]) },
      rooms: roomIds,
      files: { registry: REGISTRY_YAML, groundTruth: GROUND_TRUTH_JSON, agentEnvDir: "agents" },
    };
    writeOutputs(dir, tb, deriveGroundTruth({ serverName, auditorUserId: auditorId, agentUserIds: agentIds, roomIds }));
    log(`seeded in ${tb.seedMs} ms`);
    if (opts.keepClients) fs.writeFileSync(path.join(dir, LIVE_MARKER), `${new Date().toISOString()}\n`);
    const live = opts.keepClients ? clients : new Map<string, MatrixClient>();
    const stopClients = async () => {
      live.forEach(stopClient);
      await python.stop();
    };
    return { testbed: tb, reused: false, synapse: syn, clients: live, pyAgents: python.agents, stopClients };
  } catch (e) {
    [...clients.values(), ...secondary].forEach(stopClient); // a failed seed leaves no client or agent running
    await python.stop();
    throw e;
  }
}
