/**
 * The posture servers' mautrix bots (issue #16, bot configurations): real mautrix-python agents, each configured by a
 * config.yaml it reads itself (pyagents/bot-config.ts), declared in the registry with that file as `botConfig`.
 *   hardened: bot-e2ee — encryption allowed, default and required, cross-signed-tofu everywhere, the crypto extra
 *             installed: cross-signed with keys. Every HS-BOT-* check passes.
 *   weak:     bot-no-extra — the same config, but python-olm hidden from its process (a bot installed without
 *             mautrix[encryption]): mautrix's own import guard leaves it without an OlmMachine, so its device has no
 *             keys and no cross-signing. HS-BOT-CRYPTO-INACTIVE.
 *             bot-lax — mautrix's example defaults with allow and default turned on (require false; receive and
 *             send unverified), crypto working. HS-BOT-ENCRYPTION-CONFIG and HS-BOT-VERIFICATION-LEVELS.
 * The plan states each bot's findings; the ground truth is read off it, so the integration test demands exactly these.
 */
import path from "node:path";
import type { AgentDecl } from "../../../lib/registry/types";
import { newPassword, registerUser } from "../fleet/accounts";
import type { GroundTruthEntry } from "../fleet/ground-truth";
import { startPyAgent, type PyAgent } from "../pyagents/agent-process";
import { STRICT_ENCRYPTION as STRICT, writeBotConfig, type BotEncryptionConfig } from "../pyagents/bot-config";

export interface PostureBotPlan {
  name: string;
  encryption: BotEncryptionConfig;
  withoutCryptoExtra: boolean;
  /** The HS-BOT-* checks this bot must fail, and no others. */
  findings: string[];
}

export const POSTURE_BOTS: Record<"hardened" | "weak", PostureBotPlan[]> = {
  hardened: [{ name: "bot-e2ee", encryption: STRICT, withoutCryptoExtra: false, findings: [] }],
  weak: [
    { name: "bot-no-extra", encryption: STRICT, withoutCryptoExtra: true, findings: ["HS-BOT-CRYPTO-INACTIVE"] },
    {
      name: "bot-lax",
      encryption: {
        allow: true,
        default: true,
        require: false,
        verificationLevels: { receive: "unverified", send: "unverified", share: "cross-signed-tofu" },
      },
      withoutCryptoExtra: false,
      findings: ["HS-BOT-ENCRYPTION-CONFIG", "HS-BOT-VERIFICATION-LEVELS"],
    },
  ],
};

export interface PostureBots {
  agents: AgentDecl[];
  groundTruth: GroundTruthEntry[];
  /** Every bot's password, written only into its config: none may appear in anything Vigil keeps. */
  passwords: string[];
  /** Where each bot's config.yaml is, by agent name. */
  configFiles: Record<string, string>;
  /** Each bot's own log (stdout and stderr), by agent name. */
  logFiles: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Registers each bot, writes its config.yaml under `dir`, starts it, and waits until it is set up (keys and
 * cross-signing, or none for the bot without the extra). Anything failing stops them all.
 */
export async function startPostureBots(
  o: { baseUrl: string; registrationSecret: string; dir: string; auditorUserId: string },
  plans: PostureBotPlan[],
): Promise<PostureBots> {
  const running: PyAgent[] = [];
  const stop = async () => void (await Promise.all(running.map((a) => a.stop())));
  try {
    const bots = await Promise.all(
      plans.map(async (plan) => {
        const password = newPassword();
        const userId = await registerUser(o.baseUrl, o.registrationSecret, { localpart: plan.name, password });
        const deviceId = `${plan.name.replace(/-/g, "").toUpperCase()}V1`;
        const stateDir = path.join(o.dir, plan.name);
        const file = writeBotConfig(path.join(stateDir, "config.yaml"), {
          userId,
          homeserver: o.baseUrl,
          password,
          deviceId,
          database: `sqlite:${path.join(stateDir, "bot.db")}`,
          encryption: plan.encryption,
        });
        const agent = startPyAgent(
          "mautrix",
          {
            name: plan.name,
            homeserver: o.baseUrl,
            userId,
            password,
            devices: [{ id: deviceId, kind: "primary" }],
            crossSigning: true,
            inviterUserIds: [],
            verifierUserId: o.auditorUserId,
            stateDir,
            maxLifetimeSeconds: 1800,
            botConfig: file,
          },
          o.dir,
          { withoutCryptoExtra: plan.withoutCryptoExtra },
        );
        running.push(agent);
        return { plan, userId, deviceId, file, password, agent };
      }),
    );
    await Promise.all(bots.map((b) => b.agent.ready));
    return {
      agents: bots.map((b) => ({ name: b.plan.name, matrixUserId: b.userId, deviceIds: [b.deviceId], siblings: [], botConfig: b.file })),
      groundTruth: bots.flatMap((b) => b.plan.findings.map((check) => ({ check, subject: { type: "agent" as const, id: b.plan.name } }))),
      passwords: bots.map((b) => b.password),
      configFiles: Object.fromEntries(bots.map((b) => [b.plan.name, b.file])),
      logFiles: Object.fromEntries(bots.map((b) => [b.plan.name, b.agent.logFile])),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
