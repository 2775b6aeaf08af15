/**
 * HS-BOT-ENCRYPTION-CONFIG — a mautrix bot's config does not turn on the encryption settings the policy requires
 * (default: allow, default and require). A key left out is mautrix's default, false. No encryption section at all is
 * mautrix running without E2EE. Unknown when the config was not read. Subject: the agent.
 */
import type { Check } from "../../types";
import { result } from "../result";
import { declaredBots, MAUTRIX_DEFAULTS, settingWords } from "./bots";
import { BOT_ENCRYPTION } from "./controls";

export const hsBotEncryptionConfig: Check = {
  meta: {
    id: "HS-BOT-ENCRYPTION-CONFIG",
    title: "Bot config does not require end-to-end encryption",
    severity: "high",
    area: "homeserver",
    // Subjects come from the registry; a bot config or inventory not read gives an unknown with the reason (bots.ts).
    reads: [],
    risk:
      "A bot that does not allow encryption cannot read encrypted rooms and gets moved to plaintext ones; one that does " +
      "not default to it creates plaintext rooms; one that does not require it accepts and answers unencrypted messages " +
      "the homeserver operator, its backups and database can read.",
    remediation:
      "In the bot's config.yaml set encryption.allow, encryption.default and encryption.require to true (a bridge: " +
      "bridge.encryption), install it with mautrix[encryption] (python-olm, libolm), and restart it.",
    controls: BOT_ENCRYPTION,
    expectation: "encryption allow, default and require: true",
  },
  run(ctx) {
    const required = ctx.policy.homeserver.botEncryption;
    return declaredBots(ctx).map((bot) => {
      if ("missing" in bot) return bot.missing;
      const { facts } = bot;
      const evidence = { file: facts.path, section: facts.section ?? null, encryption: facts.encryption ?? null, required };
      if (!facts.section || !facts.encryption)
        return result(bot.subject, required.length > 0, `${facts.path} has no encryption section: mautrix runs without E2EE`, evidence);
      const enc = facts.encryption;
      const off = required.filter((key) => (enc[key] ?? MAUTRIX_DEFAULTS[key]) !== true);
      if (off.length > 0) return result(bot.subject, true, off.map((key) => settingWords(facts, key)).join("; "), evidence);
      const on = required.map((key) => `${key}`).join(", ");
      return result(bot.subject, false, on ? `${facts.section} ${on}: true` : "The policy requires no encryption setting", evidence);
    });
  },
};
