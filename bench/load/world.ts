/**
 * The Matrix side of the load benchmark's world, beside bench/rooms-view's rooms: 20 declared agents and 1,000 people,
 * three devices each, with the mix of trust a real fleet has (mostly cross-signed, some unsigned, a few without keys,
 * some not seen for months), and the registry that declares the agents. Deterministic: the same size, the same world.
 */
import type { DeviceFacts, UserFacts } from "../../lib/snapshot/types";

export const AGENTS = 20;
export const PEOPLE = 1000;
const DEVICES_PER_USER = 3;
const DAY = 86_400_000;

const agentId = (i: number) => `@agent${i}:bench.test`;
const personId = (i: number) => `@user${i}:bench.test`;
/** A fake public key of the right shape: the checks judge the trust state, never these bytes. */
const key = (seed: string) => Buffer.from(seed.padEnd(32, "#").slice(0, 32)).toString("base64").replace(/=+$/, "");

export function benchUsers(): UserFacts[] {
  const agents = Array.from({ length: AGENTS }, (_, i): UserFacts => {
    const crossSigned = i % 7 !== 3; // a few agents never published cross-signing keys
    return {
      userId: agentId(i),
      displayName: `Agent ${i}`,
      crossSigning: crossSigned
        ? { state: "present", masterKey: key(`m${i}`), selfSigningKey: key(`s${i}`), userSigningKey: key(`u${i}`) }
        : { state: "absent" },
      verifiedByAuditor: crossSigned && i % 5 !== 1,
      backup: i % 4 === 2 ? null : { version: String(i + 1), algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", trusted: true },
    };
  });
  const people = Array.from({ length: PEOPLE }, (_, i): UserFacts => ({
    userId: personId(i),
    displayName: `Person ${i}`,
    crossSigning: { state: "present", masterKey: key(`pm${i}`), selfSigningKey: key(`ps${i}`) },
    verifiedByAuditor: false,
  }));
  return [...agents, ...people];
}

export function benchDevices(now: number): DeviceFacts[] {
  return benchUsers().flatMap((u, ui) =>
    Array.from({ length: DEVICES_PER_USER }, (_, d): DeviceFacts => {
      const n = ui * DEVICES_PER_USER + d;
      const trust = n % 20 === 7 ? "unsigned" : n % 50 === 11 ? "no-keys" : "verified-by-owner";
      return {
        userId: u.userId,
        deviceId: `${u.userId.slice(1, u.userId.indexOf(":")).toUpperCase()}D${d}`,
        displayName: `${u.displayName ?? u.userId} device ${d}`,
        lastSeenTs: now - (n % 240) * DAY, // up to eight months: some trip the stale-device check
        lastSeenIp: `10.${ui % 250}.${d}.${n % 250}`,
        ...(trust === "no-keys" ? {} : { keys: { ed25519: key(`e${n}`), curve25519: key(`c${n}`) } }),
        trust,
      };
    }),
  );
}

/**
 * The registry file of the Matrix agents: each may run its first device (the other two are unexpected), and the
 * first 990 people are allowed members, so one room in a hundred has an unlisted member.
 */
export function benchRegistryYaml(): string {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    name: `agent${i}`,
    matrixUserId: agentId(i),
    deviceIds: [`AGENT${i}D0`],
    siblings: [],
  }));
  const allowedMembers = Array.from({ length: PEOPLE - 10 }, (_, i) => personId(i));
  return JSON.stringify({ agents, allowedMembers }, null, 1); // JSON is YAML
}
