/**
 * A mautrix bot's config.yaml, read for its end-to-end encryption settings and nothing else. The shape is mautrix's
 * own: a bridge keeps them under `bridge.encryption` (mautrix/bridge/config.py copies bridge.encryption.allow,
 * .default, .require, .appservice, .verification_levels.{receive,send,share} and .rotation.{enable_custom,
 * milliseconds,messages}), a bot built on mautrix.client (maubot's standalone shape) under a top-level `encryption`,
 * with the account under `user.credentials` (id, device_id, and its access_token or password). The schema below
 * picks those keys only, so credentials never leave this function; an error about the file is redacted of every
 * secret-looking value in it before it is kept.
 */
import { readFileSync, statSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { z } from "zod";
import { redact } from "../../secrets/redact";
import { secretValues } from "../../secrets/secret-values";
import type { BotConfigFacts } from "../../snapshot/types";
import { parseYamlFile } from "../../yaml/load-file";

/** A bot's config is a few kilobytes; anything far larger is not one, and is not read into memory. */
const MAX_BYTES = 1024 * 1024;

const Level = z.string().max(64).optional();
const Encryption = z
  .looseObject({
    allow: z.boolean().optional(),
    default: z.boolean().optional(),
    require: z.boolean().optional(),
    appservice: z.boolean().optional(),
    verification_levels: z.looseObject({ receive: Level, send: Level, share: Level }).nullish(),
    rotation: z
      .looseObject({
        enable_custom: z.boolean().optional(),
        milliseconds: z.number().int().nonnegative().optional(),
        messages: z.number().int().nonnegative().optional(),
      })
      .nullish(),
  })
  .nullish();

const BotYaml = z.looseObject({
  user: z
    .looseObject({
      credentials: z.looseObject({ id: z.string().max(255).nullish(), device_id: z.string().max(255).nullish() }).nullish(),
    })
    .nullish(),
  encryption: Encryption,
  bridge: z.looseObject({ encryption: Encryption }).nullish(),
});

/** The file could not be read, is not YAML, or its encryption keys have the wrong types. The message names the file. */
export class BotConfigError extends Error {
  override name = "BotConfigError";
}

const errorCode = (e: unknown): string =>
  e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : e instanceof Error ? e.message : "unreadable";

/** Only a regular file of a config's size is read: a device or FIFO named by mistake would never end. */
function checkReadable(file: string, stats: Stats): void {
  if (!stats.isFile()) throw new BotConfigError(`${file}: not a regular file`);
  if (stats.size > MAX_BYTES) throw new BotConfigError(`${file}: ${stats.size} bytes, larger than a bot config (${MAX_BYTES} at most)`);
}

const readError = (file: string, e: unknown) => (e instanceof BotConfigError ? e : new BotConfigError(`${file}: ${errorCode(e)}`));

function readText(file: string): string {
  try {
    checkReadable(file, statSync(file));
    return readFileSync(file, "utf8");
  } catch (e) {
    throw readError(file, e);
  }
}

/** readText without blocking the scan: a file on a hung mount is left behind when `signal` aborts (the scan's limit). */
async function readTextAsync(file: string, signal?: AbortSignal): Promise<string> {
  try {
    const handle = await open(file, "r");
    try {
      checkReadable(file, await handle.stat());
      return await handle.readFile({ encoding: "utf8", signal });
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw readError(file, e);
  }
}

/**
 * The encryption facts of the bot config at `file`, for agent `agent`. Throws a BotConfigError (redacted, naming the
 * file) when it cannot be read or its keys have the wrong types; a file with no encryption section at all is valid
 * (mautrix then runs without encryption) and comes back without `section`.
 */
export function readBotConfig(agent: string, file: string): BotConfigFacts {
  return parseBotConfig(agent, file, readText(file));
}

/** readBotConfig's facts from the file's `text`. */
function parseBotConfig(agent: string, file: string, text: string): BotConfigFacts {
  let doc: z.output<typeof BotYaml>;
  try {
    doc = parseYamlFile(file, text, BotYaml);
  } catch (e) {
    // A YAML or type error may quote a line or value, and that may be a credential: redact what the file holds.
    let raw: unknown;
    try {
      raw = parseYamlFile(file, text, z.unknown());
    } catch {
      raw = undefined;
    }
    const message = e instanceof Error ? e.message.split("\n").slice(0, 3).join("; ") : String(e);
    throw new BotConfigError(redact(`${file}: ${message}`, secretValues(raw)));
  }
  const facts: BotConfigFacts = { agent, path: file };
  const credentials = doc.user?.credentials;
  if (credentials?.id) facts.userId = credentials.id;
  if (credentials?.device_id) facts.deviceId = credentials.device_id;
  const [section, enc] = doc.encryption
    ? (["encryption", doc.encryption] as const)
    : (["bridge.encryption", doc.bridge?.encryption] as const);
  if (!enc) return facts;
  facts.section = section;
  const levels = enc.verification_levels;
  const rotation = enc.rotation;
  facts.encryption = {
    ...(enc.allow !== undefined ? { allow: enc.allow } : {}),
    ...(enc.default !== undefined ? { default: enc.default } : {}),
    ...(enc.require !== undefined ? { require: enc.require } : {}),
    ...(enc.appservice !== undefined ? { appservice: enc.appservice } : {}),
    ...(levels
      ? {
          verificationLevels: {
            ...(levels.receive !== undefined ? { receive: levels.receive } : {}),
            ...(levels.send !== undefined ? { send: levels.send } : {}),
            ...(levels.share !== undefined ? { share: levels.share } : {}),
          },
        }
      : {}),
    ...(rotation
      ? {
          rotation: {
            ...(rotation.enable_custom !== undefined ? { enableCustom: rotation.enable_custom } : {}),
            ...(rotation.milliseconds !== undefined ? { milliseconds: rotation.milliseconds } : {}),
            ...(rotation.messages !== undefined ? { messages: rotation.messages } : {}),
          },
        }
      : {}),
  };
  return facts;
}

/**
 * Every declared bot's facts, read one after the other; a file that fails becomes facts with `error` (the checks say
 * unknown) and an error line. `signal` (the scan's limit) stops the reading at the file in hand.
 */
export async function readBotConfigs(
  bots: readonly { agent: string; file: string }[],
  signal?: AbortSignal,
): Promise<{ facts: BotConfigFacts[]; errors: string[] }> {
  const facts: BotConfigFacts[] = [];
  const errors: string[] = [];
  for (const { agent, file } of bots) {
    signal?.throwIfAborted();
    try {
      facts.push(parseBotConfig(agent, file, await readTextAsync(file, signal)));
    } catch (e) {
      signal?.throwIfAborted(); // the limit, not this file, is why it stopped
      const message = e instanceof BotConfigError ? e.message : `${file}: ${errorCode(e)}`;
      facts.push({ agent, path: file, error: message });
      errors.push(message);
    }
  }
  return { facts, errors };
}
