/**
 * HS-BOT-CRYPTO-INACTIVE — a mautrix bot's config turns encryption on, but its device on the homeserver shows no
 * E2EE: no device keys, not cross-signed, or no device at all. The classic cause is reference 000's warning: the bot
 * was installed without mautrix[encryption] (python-olm, libolm), and a mautrix bot then runs unencrypted — maubot's
 * client.py sets `enable_crypto = bool(OlmMachine and self.device_id and self.crypto_db)` after
 * `except ImportError: OlmMachine = ... = None`, so it logs in and syncs with no OlmMachine and never uploads keys
 * (a bridge, mautrix/bridge/matrix.py, instead logs "Encryption enabled in config, but dependencies not installed."
 * and exits 31). Declared and observed agree (encryption on and a cross-signed device with keys, or encryption off):
 * pass. One-time keys are not examined: only /keys/claim shows them and claiming uses them up; the Admin API gives
 * no count. The devices judged are the config's device_id, else the registry's deviceIds, else all of the user's.
 * Subject: the agent.
 */
import type { DeviceFacts } from "../../../snapshot/types";
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { declaredBots } from "./bots";
import { CONTENT_CONFIDENTIALITY } from "./controls";

const TRUST_WORDS: Record<Exclude<DeviceFacts["trust"], "verified-by-owner">, string> = {
  "no-keys": "has no E2EE device keys on the homeserver",
  "unsigned": "is not cross-signed (its owner's self-signing key did not sign it)",
  "bad-signature": "has signatures that do not verify",
};

export const hsBotCryptoInactive: Check = {
  meta: {
    id: "HS-BOT-CRYPTO-INACTIVE",
    title: "Bot configured for encryption runs without it",
    severity: "high",
    area: "homeserver",
    // Subjects come from the registry; a bot config or inventory not read gives an unknown with the reason (bots.ts).
    reads: [],
    risk:
      "The config says the bot encrypts, but its device never published keys or was never cross-signed: it cannot " +
      "read encrypted rooms and writes in plaintext, while its owners believe it is end-to-end encrypted.",
    remediation:
      "Install the bot with mautrix[encryption] (python-olm needs libolm: olm-dev on Debian), restart it, and check " +
      "its log for the missing-dependency warning; then cross-sign its device (a bootstrap with its recovery key).",
    controls: CONTENT_CONFIDENTIALITY,
    expectation: "A cross-signed device with E2EE keys, as declared",
  },
  run(ctx) {
    return declaredBots(ctx).map((bot) => {
      if ("missing" in bot) return bot.missing;
      const { facts, agent, subject } = bot;
      if (facts.encryption?.allow !== true)
        return result(subject, false, "Encryption is off in the config: no keys are expected (HS-BOT-ENCRYPTION-CONFIG judges that)", {
          file: facts.path,
        });
      const matrix = ctx.snapshot.matrix;
      if (!matrix) return unknown(subject, "The Matrix inventory was not read in this scan, so the bot's device could not be seen");
      if (facts.userId && agent.matrixUserId && facts.userId !== agent.matrixUserId)
        return unknown(subject, `The config logs in as ${facts.userId} but the registry declares ${agent.matrixUserId}`);
      const userId = facts.userId ?? agent.matrixUserId;
      if (!userId) return unknown(subject, "Neither the registry nor the bot's config names its Matrix user");
      const own = matrix.devices.filter((d) => d.userId === userId);
      const wanted = facts.deviceId ? [facts.deviceId] : agent.deviceIds.length ? agent.deviceIds : own.map((d) => d.deviceId);
      const partialView = matrix.view === "member";
      const devices = wanted.map((id) => ({ id, device: own.find((d) => d.deviceId === id) }));
      const evidence = {
        file: facts.path,
        userId,
        devices: devices.map(({ id, device }) => ({ deviceId: id, trust: device?.trust ?? "absent" })),
        crossSigning: matrix.users.find((u) => u.userId === userId)?.crossSigning.state ?? "unseen",
      };
      if (evidence.crossSigning === "unseen")
        return unknown(subject, `${userId} is not in the Matrix inventory (no such user, or its keys could not be read)`, evidence);
      // The member view lists only devices that uploaded keys: a device it does not show may exist without any.
      if (partialView && (wanted.length === 0 || devices.some((d) => !d.device)))
        return unknown(subject, "The auditor is not a server admin: devices without keys are invisible to it", evidence);
      const problems = devices.flatMap(({ id, device }) => {
        if (!device) return [`device ${id} does not exist on the homeserver (the bot never logged in with it)`];
        return device.trust === "verified-by-owner" ? [] : [`device ${id} ${TRUST_WORDS[device.trust]}`];
      });
      if (wanted.length === 0) problems.push(`${userId} has no device on the homeserver`);
      if (evidence.crossSigning === "absent") problems.push(`${userId} has published no cross-signing keys`);
      if (evidence.crossSigning === "bad-signature") problems.push(`${userId}'s cross-signing keys do not verify`);
      if (problems.length > 0) {
        const hint = devices.some((d) => d.device?.trust === "no-keys") ? " — is mautrix[encryption] (python-olm) installed?" : "";
        return result(subject, true, `The config turns encryption on, but ${problems.join("; ")}${hint}`, evidence);
      }
      const ids = devices.map((d) => d.id).join(", ");
      return result(subject, false, `Device ${ids} has E2EE keys and is cross-signed, as the config declares`, evidence);
    });
  },
};
