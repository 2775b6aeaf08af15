/**
 * HS-BOT-VERIFICATION-LEVELS — a mautrix bot's encryption.verification_levels are weaker than the policy's
 * (default: cross-signed-tofu for receive, send and share). A level left out is mautrix's default (receive and send:
 * unverified). Unknown when the config was not read, when a level is a word mautrix does not know (mautrix refuses
 * to start on it), or when encryption is off in the config (the levels then govern nothing; HS-BOT-ENCRYPTION-CONFIG
 * says so). Subject: the agent.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { BOT_LEVEL_KEYS, declaredBots, levelRank, MAUTRIX_DEFAULTS } from "./bots";
import { BOT_DEVICE_TRUST } from "./controls";

export const hsBotVerificationLevels: Check = {
  meta: {
    id: "HS-BOT-VERIFICATION-LEVELS",
    title: "Bot trusts unverified devices",
    severity: "medium",
    area: "homeserver",
    // Subjects come from the registry; a bot config or inventory not read gives an unknown with the reason (bots.ts).
    reads: [],
    risk:
      "A bot that shares room keys with, accepts messages from, or answers key requests of devices nobody cross-signed " +
      "hands its conversations to any device an attacker (or a malicious homeserver operator) adds to an account.",
    remediation:
      "Set encryption.verification_levels receive, send and share to cross-signed-tofu or stronger in the bot's " +
      "config.yaml, make sure the agents it talks to cross-sign their devices, and restart it.",
    controls: BOT_DEVICE_TRUST,
    expectation: "receive, send, share: cross-signed-tofu or stronger",
  },
  run(ctx) {
    const minimum = ctx.policy.homeserver.botVerificationLevels;
    return declaredBots(ctx).map((bot) => {
      if ("missing" in bot) return bot.missing;
      const { facts } = bot;
      if (facts.encryption?.allow !== true)
        return unknown(bot.subject, "Encryption is off in the bot's config, so its verification levels govern nothing");
      const written = facts.encryption.verificationLevels ?? {};
      const levels = Object.fromEntries(BOT_LEVEL_KEYS.map((k) => [k, written[k] ?? MAUTRIX_DEFAULTS.verificationLevels[k]]));
      const evidence = { file: facts.path, levels, minimum };
      const words = (k: (typeof BOT_LEVEL_KEYS)[number]) =>
        `${k}: ${levels[k]}${written[k] === undefined ? " (not set: mautrix's default)" : ""}`;
      const unreadable = BOT_LEVEL_KEYS.filter((k) => levelRank(levels[k] ?? "") === undefined);
      if (unreadable.length > 0)
        return unknown(bot.subject, `Not a level mautrix knows: ${unreadable.map((k) => `${k}: ${levels[k]}`).join(", ")}`, evidence);
      const weak = BOT_LEVEL_KEYS.filter((k) => (levelRank(levels[k] ?? "") ?? 0) < (levelRank(minimum[k]) ?? 0));
      if (weak.length > 0)
        return result(bot.subject, true, `${weak.map((k) => `${words(k)}, weaker than ${minimum[k]}`).join("; ")}`, evidence);
      return result(bot.subject, false, BOT_LEVEL_KEYS.map(words).join(", "), evidence);
    });
  },
};
