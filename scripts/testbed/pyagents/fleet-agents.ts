/**
 * The fleet's agents built by other hands (mautrix-python, matrix-nio), as the
 * seeder sees them: started together, each logging in with the password the
 * seeder made, answering with its devices' sessions once its keys (and, for
 * mautrix, its cross-signing and backup) are on the server. Anything that fails
 * stops them all, so a failed seed leaves no agent running.
 */
import path from "node:path";
import type { Session } from "../fleet/accounts";
import type { AgentPlan } from "../fleet/plan";
import { startPyAgent, type PyAgent, type PyClient } from "./agent-process";
import { STRICT_ENCRYPTION, writeBotConfig } from "./bot-config";

export interface PythonFleet {
  /** Running agents by name. */
  agents: Map<string, PyAgent>;
  /** "<agent>/<device>" → session, like the seeder's own logins; filled when `ready` resolves. */
  sessions: Map<string, Session>;
  /** The mautrix agents' config.yaml by agent name (what a registry's `botConfig` would name). */
  botConfigs: Map<string, string>;
  /** Every agent is set up and has said so; rejects (with every agent stopped) if one fails. */
  ready: Promise<void>;
  /** Stop the named agents (all when omitted); each ends within a bounded time. */
  stop(names?: string[]): Promise<void>;
}

export interface StartPythonFleetOptions {
  baseUrl: string;
  /** Test-bed dir: logs go to <dir>/pyagents/<name>.log, state to <dir>/pyagents/<name>/. */
  dir: string;
  plans: AgentPlan[];
  userIds: Record<string, string>;
  passwordOf: (agent: string) => string;
  auditorUserId: string;
  /** The agents stop on their own after this long, whatever happens to the test bed. */
  maxLifetimeSeconds: number;
  log: (m: string) => void;
}

export const PYAGENTS_DIR = "pyagents";

const isPyClient = (c: AgentPlan["client"]): c is PyClient => c === "mautrix" || c === "nio";

/** Spawn the plan's mautrix and nio agents; they set themselves up in parallel with the caller's own work. */
export function startPythonFleet(o: StartPythonFleetOptions): PythonFleet {
  const root = path.join(o.dir, PYAGENTS_DIR);
  const agents = new Map<string, PyAgent>();
  const stop = async (names?: string[]) => {
    const which = names ?? [...agents.keys()];
    await Promise.all(which.map((n) => agents.get(n)?.stop()));
    which.forEach((n) => agents.delete(n));
  };
  const sessions = new Map<string, Session>();
  const botConfigs = new Map<string, string>();
  const plans = o.plans.filter((p) => isPyClient(p.client));
  try {
    for (const plan of plans) {
      if (!isPyClient(plan.client)) continue;
      const userId = o.userIds[plan.name];
      if (!userId) throw new Error(`no user for agent ${plan.name}`);
      const stateDir = path.join(root, plan.name);
      const primary = plan.devices[0]?.id;
      // A mautrix agent is configured as deployed bots are: a config.yaml it reads itself (strict encryption).
      if (plan.client === "mautrix" && primary) {
        const file = path.join(stateDir, "config.yaml");
        const database = `sqlite:${path.join(stateDir, "bot.db")}`;
        const password = o.passwordOf(plan.name);
        botConfigs.set(
          plan.name,
          writeBotConfig(file, { userId, homeserver: o.baseUrl, password, deviceId: primary, database, encryption: STRICT_ENCRYPTION }),
        );
      }
      const agent = startPyAgent(
        plan.client,
        {
          name: plan.name,
          homeserver: o.baseUrl,
          userId,
          password: o.passwordOf(plan.name),
          devices: plan.devices.map((d) => ({ id: d.id, kind: d.kind })),
          crossSigning: plan.crossSigning,
          inviterUserIds: Object.values(o.userIds),
          verifierUserId: o.auditorUserId,
          stateDir,
          maxLifetimeSeconds: o.maxLifetimeSeconds,
          ...(botConfigs.has(plan.name) ? { botConfig: botConfigs.get(plan.name) } : {}),
        },
        root,
      );
      agents.set(plan.name, agent);
    }
  } catch (e) {
    void stop();
    throw e;
  }
  const ready = (async () => {
    for (const plan of plans) {
      const agent = agents.get(plan.name);
      const userId = o.userIds[plan.name];
      if (!agent || !userId) throw new Error(`agent ${plan.name} did not start`);
      const r = await agent.ready;
      for (const s of r.sessions) sessions.set(`${plan.name}/${s.deviceId}`, { userId, deviceId: s.deviceId, accessToken: s.accessToken });
      const missing = plan.devices.filter((d) => !sessions.has(`${plan.name}/${d.id}`)).map((d) => d.id);
      if (missing.length) throw new Error(`${plan.name} did not set up ${missing.join(", ")}`);
      const backup = r.backupVersion ? `, backup v${r.backupVersion}` : "";
      o.log(`${plan.name} (${agent.client}) ready: ${r.sessions.map((s) => s.deviceId).join(", ")}${backup}`);
    }
  })().catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return { agents, sessions, botConfigs, ready, stop };
}
