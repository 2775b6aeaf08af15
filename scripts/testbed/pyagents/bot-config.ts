/**
 * A mautrix bot's config.yaml as deployments keep one: maubot's standalone shape (`user.credentials`, a database, a
 * logging section) with the `encryption:` section every mautrix bridge carries (its keys and comments as in the
 * bridges' example configs). The agent reads it itself (mautrix_agent.py) — credentials, device, and whether to start
 * its OlmMachine — and Vigil reads the same file through the registry's `botConfig`. Written 0600: it holds a password.
 */
import fs from "node:fs";
import path from "node:path";

export interface BotEncryptionConfig {
  allow: boolean;
  default: boolean;
  require: boolean;
  verificationLevels: { receive: string; send: string; share: string };
}

/** Encryption as reference 000 asks of every agent: on, by default, required, and only cross-signed devices trusted. */
export const STRICT_ENCRYPTION: BotEncryptionConfig = {
  allow: true,
  default: true,
  require: true,
  verificationLevels: { receive: "cross-signed-tofu", send: "cross-signed-tofu", share: "cross-signed-tofu" },
};

export interface BotConfigFile {
  userId: string;
  homeserver: string;
  password: string;
  deviceId: string;
  /** Where the bot keeps its crypto store (unused by the test bed's agent, which keeps it in its state dir). */
  database: string;
  encryption: BotEncryptionConfig;
}

const q = (s: string) => JSON.stringify(s);

export function botConfigYaml(c: BotConfigFile): string {
  const e = c.encryption;
  return `# mautrix bot configuration (maubot standalone layout)
user:
    credentials:
        id: ${q(c.userId)}
        homeserver: ${q(c.homeserver)}
        password: ${q(c.password)}
        # If you want to enable encryption, set the device ID corresponding to the login here.
        device_id: ${q(c.deviceId)}
    sync: true
    autojoin: true

database: ${q(c.database)}

# End-to-end encryption support options.
encryption:
    # Allow encryption, work in group chat rooms with e2ee enabled
    allow: ${e.allow}
    # Default to encryption, force-enable encryption in all rooms the bot creates
    default: ${e.default}
    # Require encryption, drop any unencrypted messages.
    require: ${e.require}
    # What level of device verification should be required from users?
    #
    # Valid levels:
    #   unverified - Send keys to all device in the room.
    #   cross-signed-untrusted - Require valid cross-signing, but trust all cross-signing keys.
    #   cross-signed-tofu - Require valid cross-signing, trust cross-signing keys on first use (and reject changes).
    #   cross-signed-verified - Require valid cross-signing, plus a valid user signature from the bot.
    #   verified - Require manual per-device verification.
    verification_levels:
        # Minimum level for which the bot should send keys to when sending messages.
        receive: ${e.verificationLevels.receive}
        # Minimum level that the bot should accept for incoming Matrix messages.
        send: ${e.verificationLevels.send}
        # Minimum level that the bot should require for accepting key requests.
        share: ${e.verificationLevels.share}
    # Options for Megolm room key rotation (the m.room.encryption content of rooms it creates).
    rotation:
        enable_custom: false
        milliseconds: 604800000
        messages: 100

logging:
    version: 1
    root:
        level: INFO
`;
}

/** Writes the config to `file` (0600, its directory created), returning the path. */
export function writeBotConfig(file: string, c: BotConfigFile): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, botConfigYaml(c), { mode: 0o600 });
  return file;
}
