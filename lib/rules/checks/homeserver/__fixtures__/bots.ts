/** Hand-built bot configs and bot devices for the HS-BOT-* check tests (not a test file itself): healthy unless told otherwise. */
import type { Registry } from "../../../../registry/types";
import type { BotConfigFacts, DeviceFacts, UserFacts } from "../../../../snapshot/types";
import type { CheckContext } from "../../../types";
import { context, homeserver } from "./context";

export const BOT_USER = "@bot:example.org";
export const BOT_DEVICE = "BOTDEVICE";

export function botFacts(over: Partial<BotConfigFacts> = {}): BotConfigFacts {
  return {
    agent: "bot",
    path: "/etc/bots/bot/config.yaml",
    userId: BOT_USER,
    deviceId: BOT_DEVICE,
    section: "encryption",
    encryption: {
      allow: true,
      default: true,
      require: true,
      verificationLevels: { receive: "cross-signed-tofu", send: "cross-signed-tofu", share: "cross-signed-tofu" },
    },
    ...over,
  };
}

export const botRegistry = (): Registry => ({
  agents: [{ name: "bot", matrixUserId: BOT_USER, deviceIds: [BOT_DEVICE], siblings: [], botConfig: "/etc/bots/bot/config.yaml" }],
  allowedMembers: [],
});

export const botDevice = (trust: DeviceFacts["trust"] = "verified-by-owner", deviceId = BOT_DEVICE): DeviceFacts => ({
  userId: BOT_USER,
  deviceId,
  trust,
  ...(trust === "no-keys" ? {} : { keys: { ed25519: "ed", curve25519: "cv" } }),
});

export const botUser = (state: UserFacts["crossSigning"]["state"] = "present"): UserFacts => ({
  userId: BOT_USER,
  crossSigning: { state },
  verifiedByAuditor: false,
});

/**
 * A scan that read the bot's config (`facts`; null: read none of this bot's, though the scan read bot configs) and saw
 * its user and devices on the homeserver. Bot configs are read with or without the posture probes: the context has a
 * homeserver part, and tests delete it to show it is not needed.
 */
export function botContext(
  facts: BotConfigFacts | null = botFacts(),
  devices: DeviceFacts[] = [botDevice()],
  users: UserFacts[] = [botUser()],
): CheckContext {
  const ctx = context(homeserver(), [], botRegistry());
  ctx.snapshot.bots = facts ? [facts] : [];
  if (ctx.snapshot.matrix) Object.assign(ctx.snapshot.matrix, { devices, users });
  return ctx;
}
