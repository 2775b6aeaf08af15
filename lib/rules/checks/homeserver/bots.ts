/**
 * What the HS-BOT-* checks share: the registry's agents that declare a mautrix config (`botConfig`), each with the
 * facts the scan read from it (snapshot.bots, read in every scan, posture probes or not), or the reason there are
 * none; and mautrix's own defaults, which apply to every key a config leaves out.
 */
import { BOT_TRUST_LEVELS } from "../../../policy/schema";
import type { AgentDecl } from "../../../registry/types";
import type { BotConfigFacts } from "../../../snapshot/types";
import type { CheckContext, CheckResult, Subject } from "../../types";
import { agentSubject } from "../matrix/scope";
import { unknown } from "../result";

/**
 * mautrix's values for keys a config leaves out: bridge.encryption in every mautrix-python bridge's example config
 * (and mautrix-go's) has allow, default and require false, and verification_levels receive: unverified,
 * send: unverified, share: cross-signed-tofu.
 */
export const MAUTRIX_DEFAULTS = {
  allow: false,
  default: false,
  require: false,
  verificationLevels: { receive: "unverified", send: "unverified", share: "cross-signed-tofu" },
} as const;

export type BotSetting = "allow" | "default" | "require";
export type BotLevelKey = keyof typeof MAUTRIX_DEFAULTS.verificationLevels;
export const BOT_LEVEL_KEYS: readonly BotLevelKey[] = ["receive", "send", "share"];

/** A level's rank, weakest 0; undefined for a word mautrix does not know. mautrix-go spells trusted "cross-signed-verified". */
export function levelRank(level: string): number | undefined {
  const name = level === "cross-signed-verified" ? "cross-signed-trusted" : level;
  const i = (BOT_TRUST_LEVELS as readonly string[]).indexOf(name);
  return i === -1 ? undefined : i;
}

export type DeclaredBot = { agent: AgentDecl; subject: Subject } & ({ facts: BotConfigFacts } | { missing: CheckResult });

/** Every agent with a botConfig, in registry order, with its facts or an unknown result saying why they are missing. */
export function declaredBots(ctx: CheckContext): DeclaredBot[] {
  const { bots } = ctx.snapshot;
  const read = new Map((bots ?? []).map((b) => [b.agent, b]));
  return ctx.registry.agents.flatMap((agent): DeclaredBot[] => {
    if (!agent.botConfig) return [];
    const subject = agentSubject(agent);
    const facts = read.get(agent.name);
    if (!bots) {
      const why = "this scan holds no bot configs (their reading did not finish: the scan's errors say why)";
      return [{ agent, subject, missing: unknown(subject, `${agent.botConfig} was not read: ${why}`) }];
    }
    if (!facts) return [{ agent, subject, missing: unknown(subject, `${agent.botConfig} was not read in this scan`) }];
    if (facts.error) return [{ agent, subject, missing: unknown(subject, `The bot config could not be read: ${facts.error}`) }];
    return [{ agent, subject, facts }];
  });
}

/** "encryption.require is false", or "…is not set (mautrix's default: false)". */
export function settingWords(facts: BotConfigFacts, key: BotSetting): string {
  const value = facts.encryption?.[key];
  const where = `${facts.section ?? "encryption"}.${key}`;
  return value === undefined ? `${where} is not set (mautrix's default: ${MAUTRIX_DEFAULTS[key]})` : `${where} is ${value}`;
}
