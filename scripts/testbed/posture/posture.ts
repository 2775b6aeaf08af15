/**
 * Two homeservers for the HS-* checks, beside (never instead of) the fleet's Synapse: "hardened" behind an nginx
 * that forwards only the client paths over TLS, and "weak", reached directly, with the faults deployments really
 * have (config.ts "weak"). Each gets its own state dir and port, and the ground truth says exactly which findings
 * each must raise: every HS-* fault on the weak one and MX-ROOM-PLAINTEXT-EVENTS for its bot's room; none on the
 * hardened one. Each also runs real mautrix bots configured by their own config.yaml (bots.ts): a healthy one on the
 * hardened server, one without the crypto extra and one with lax settings on the weak one. Stopped together.
 */
import fs from "node:fs";
import path from "node:path";
import type { Registry } from "../../../lib/registry/types";
import type { GroundTruthEntry } from "../fleet/ground-truth";
import { startSynapse, stopSynapse } from "../synapse/synapse";
import { POSTURE_BOTS, startPostureBots, type PostureBots } from "./bots";
import { startPublicProxy } from "./proxy";
import { seedPostureServer, type SeededServer } from "./seed";

export interface PostureServer extends SeededServer {
  /** Where Vigil reaches the Admin API with the auditor's token. */
  baseUrl: string;
  /** What the world reaches: the proxy for the hardened server, Synapse itself for the weak one. */
  publicBaseUrl: string;
  configFile: string;
  caPem?: string;
  registry: Registry;
  groundTruth: GroundTruthEntry[];
  /** The server's mautrix bots (declared in `registry` with their botConfig). */
  bots: PostureBots;
}

export interface PostureTestbed {
  hardened: PostureServer;
  weak: PostureServer;
  stop(): Promise<void>;
}

/** The weak server's faults, one HS-* check each; its version is current, so HS-VERSION-OUTDATED passes. */
export const WEAK_FAULTS = [
  "HS-ADMIN-API-EXPOSED",
  "HS-REGISTRATION-OPEN",
  "HS-GUEST-REGISTRATION",
  "HS-FEDERATION-OPEN",
  "HS-CLIENT-TLS",
  "HS-WELL-KNOWN-MISMATCH",
  "HS-CONFIG-ENCRYPTION-DEFAULT",
  "HS-CONFIG-PUBLIC-EXPOSURE",
] as const;

const registryFor = (s: SeededServer, bots: PostureBots): Registry => ({
  agents: [{ name: "bot-plain", matrixUserId: s.bot.userId, deviceIds: [s.bot.deviceId], siblings: [] }, ...bots.agents],
  allowedMembers: [s.auditor.userId],
});

export async function startPostureTestbed(dir: string, log: (m: string) => void = () => {}): Promise<PostureTestbed> {
  const dirs = {
    hardened: path.join(dir, "synapse-hardened"),
    weak: path.join(dir, "synapse-weak"),
    proxy: path.join(dir, "proxy"),
    bots: path.join(dir, "bots"),
  };
  // Throwaway servers: a run starts from nothing, so accounts and rooms are exactly what seed.ts makes.
  for (const d of [dirs.hardened, dirs.weak]) await stopSynapse(d);
  fs.rmSync(dir, { recursive: true, force: true });
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const [hardened, weak] = await Promise.all([
      startSynapse({ dir: dirs.hardened, serverName: "hardened.test", profile: "hardened", log }),
      startSynapse({ dir: dirs.weak, serverName: "weak.test", profile: "weak", log }),
    ]);
    stops.push(
      () => stopSynapse(dirs.hardened),
      () => stopSynapse(dirs.weak),
    );
    const proxy = await startPublicProxy(dirs.proxy, hardened.baseUrl);
    stops.push(() => proxy.stop());
    const [hardSeed, weakSeed] = await Promise.all([
      seedPostureServer(hardened.baseUrl, hardened.registrationSecret, false),
      seedPostureServer(weak.baseUrl, weak.registrationSecret, true),
    ]);
    const [hardBots, weakBots] = await Promise.all([
      startPostureBots(
        { ...hardened, dir: path.join(dirs.bots, "hardened"), auditorUserId: hardSeed.auditor.userId },
        POSTURE_BOTS.hardened,
      ),
      startPostureBots({ ...weak, dir: path.join(dirs.bots, "weak"), auditorUserId: weakSeed.auditor.userId }, POSTURE_BOTS.weak),
    ]);
    stops.push(
      () => hardBots.stop(),
      () => weakBots.stop(),
    );
    const weakUrl = weak.baseUrl;
    return {
      hardened: {
        ...hardSeed,
        baseUrl: hardened.baseUrl,
        publicBaseUrl: proxy.publicBaseUrl,
        caPem: proxy.caPem,
        configFile: path.join(dirs.hardened, "homeserver.yaml"),
        registry: registryFor(hardSeed, hardBots),
        groundTruth: hardBots.groundTruth,
        bots: hardBots,
      },
      weak: {
        ...weakSeed,
        baseUrl: weakUrl,
        publicBaseUrl: weakUrl,
        configFile: path.join(dirs.weak, "homeserver.yaml"),
        registry: registryFor(weakSeed, weakBots),
        groundTruth: [
          ...WEAK_FAULTS.map((check) => ({ check, subject: { type: "homeserver" as const, id: weakUrl } })),
          { check: "MX-ROOM-PLAINTEXT-EVENTS", subject: { type: "room" as const, id: weakSeed.roomId } },
          ...weakBots.groundTruth,
        ],
        bots: weakBots,
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
