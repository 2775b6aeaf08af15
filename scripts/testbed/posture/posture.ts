/**
 * Two homeservers for the HS-* checks, beside (never instead of) the fleet's Synapse: "hardened" behind an nginx
 * that forwards only the client paths over TLS, and "weak", reached directly, with the faults deployments really
 * have (config.ts "weak"). Each gets its own state dir and port, and the ground truth says exactly which findings
 * each must raise: every HS-* fault on the weak one and MX-ROOM-PLAINTEXT-EVENTS for its bot's room; none on the
 * hardened one. Stopped together.
 */
import fs from "node:fs";
import path from "node:path";
import type { Registry } from "../../../lib/registry/types";
import type { GroundTruthEntry } from "../fleet/ground-truth";
import { startSynapse, stopSynapse } from "../synapse/synapse";
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

const registryFor = (s: SeededServer): Registry => ({
  agents: [{ name: "bot-plain", matrixUserId: s.bot.userId, deviceIds: [s.bot.deviceId], siblings: [] }],
  allowedMembers: [s.auditor.userId],
});

export async function startPostureTestbed(dir: string, log: (m: string) => void = () => {}): Promise<PostureTestbed> {
  const dirs = { hardened: path.join(dir, "synapse-hardened"), weak: path.join(dir, "synapse-weak"), proxy: path.join(dir, "proxy") };
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
    const weakUrl = weak.baseUrl;
    return {
      hardened: {
        ...hardSeed,
        baseUrl: hardened.baseUrl,
        publicBaseUrl: proxy.publicBaseUrl,
        caPem: proxy.caPem,
        configFile: path.join(dirs.hardened, "homeserver.yaml"),
        registry: registryFor(hardSeed),
        groundTruth: [],
      },
      weak: {
        ...weakSeed,
        baseUrl: weakUrl,
        publicBaseUrl: weakUrl,
        configFile: path.join(dirs.weak, "homeserver.yaml"),
        registry: registryFor(weakSeed),
        groundTruth: [
          ...WEAK_FAULTS.map((check) => ({ check, subject: { type: "homeserver" as const, id: weakUrl } })),
          { check: "MX-ROOM-PLAINTEXT-EVENTS", subject: { type: "room" as const, id: weakSeed.roomId } },
        ],
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
