/**
 * Builds (once) the homeserver the scan benchmark reads: U users, D devices
 * (D/U logins per user, each with a chosen device id), R rooms with a creator
 * and one invited+joined member. Everything goes through the public APIs so
 * the database is what a real Synapse would hold. Measured on 2 shared cores:
 * ~80 registrations/s, ~50 logins/s, but only ~4 rooms/s (each room is ~10
 * events and Synapse persists them on one CPU-bound Python core). Writing
 * rooms straight into SQLite would be faster but means forging Synapse's
 * event graph and state groups, so the room phase takes a time budget instead.
 *
 * A complete build leaves build.json in the state dir; later runs reuse it
 * and only (re)start Synapse. A dir without it is a half build: wiped and redone.
 */
import fs from "node:fs";
import path from "node:path";
import { forEachBounded } from "../../lib/collect/matrix/for-each-bounded";
import { passwordLogin, registerUser } from "../../scripts/testbed/fleet/accounts";
import { api } from "../../scripts/testbed/fleet/http";
import { startSynapse, stopSynapse, type SynapseHandle } from "../../scripts/testbed/synapse/synapse";

export interface Sizes {
  rooms: number;
  users: number;
  devices: number;
}
export interface Built extends Sizes {
  baseUrl: string;
  serverName: string;
  auditorUserId: string;
  auditorToken: string;
  /** Users declared as agents by the benchmark's registry, with their device ids. */
  agents: { userId: string; deviceIds: string[] }[];
  buildMs: number;
  /** True when the room phase hit the time budget before reaching the requested count. */
  truncated: boolean;
}

const MARKER = "build.json";
const TOKENS = "tokens.json"; // one working token per user, so a cut-short build can resume
const PASSWORD = "bench-only-password"; // loopback throwaway server, never exposed
const localpart = (i: number) => `u${String(i).padStart(5, "0")}`;
// Synapse is one Python process: beyond a handful of requests in flight it only queues.
const PAR = 6;

export function readBuilt(dir: string): Built | null {
  const f = path.join(dir, MARKER);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as Built) : null;
}

type Log = (m: string) => void;

/** Bounded parallel map that fails the build on the first error (a half-built world would skew the numbers). */
async function each<T>(items: readonly T[], fn: (t: T) => Promise<void>): Promise<void> {
  let err: unknown;
  await forEachBounded(
    items,
    PAR,
    async (t) => {
      if (!err) await fn(t);
    },
    (_t, e) => (err ??= e),
  );
  if (err) throw err;
}

function rate(log: Log, what: string, n: number, t0: number) {
  const s = (Date.now() - t0) / 1000;
  log(`${what}: ${n} in ${s.toFixed(1)} s (${(n / s).toFixed(1)}/s)`);
}

/** Reuse a complete build (starting Synapse if needed) or build from scratch. */
export async function ensureBuilt(
  dir: string,
  want: Sizes,
  budgetMs: number,
  log: Log,
  resume = false,
): Promise<{ built: Built; reused: boolean; syn: SynapseHandle }> {
  const done = readBuilt(dir);
  if (done && !(done.truncated && resume)) return { built: done, reused: true, syn: await startSynapse({ dir, log }) };
  if (done) {
    // A build cut short by the time budget: carry on creating rooms where it stopped.
    const syn = await startSynapse({ dir, log });
    const t0 = Date.now();
    const tokens = JSON.parse(fs.readFileSync(path.join(dir, TOKENS), "utf8")) as string[];
    const made = await addRooms(syn.baseUrl, done.serverName, tokens, done.rooms, want.rooms, budgetMs, log);
    const built: Built = {
      ...done,
      rooms: done.rooms + made,
      buildMs: done.buildMs + Date.now() - t0,
      truncated: done.rooms + made < want.rooms,
    };
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(built, null, 2), { mode: 0o600 });
    return { built, reused: false, syn };
  }
  if (fs.existsSync(dir)) {
    log(`${dir} holds an unfinished build: wiping it`);
    await stopSynapse(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const syn = await startSynapse({ dir, serverName: "bench.test", log });
  const { baseUrl, registrationSecret: secret, serverName } = syn;

  // Users (plus the admin auditor). Registration does not log in, so it creates no device.
  let t = Date.now();
  const auditorUserId = await registerUser(baseUrl, secret, { localpart: "auditor", password: PASSWORD, admin: true });
  const auditorToken = (await passwordLogin(baseUrl, auditorUserId, PASSWORD, "AUDITOR", "vigil auditor")).accessToken;
  const idx = [...Array(want.users).keys()];
  await each(
    idx,
    async (i) =>
      void (await registerUser(baseUrl, secret, { localpart: localpart(i), password: PASSWORD, displayName: `Bench user ${i}` })),
  );
  rate(log, "users", want.users, t);

  // Devices: one login per device; the first login's token is the user's working token.
  t = Date.now();
  const perUser = Math.max(1, Math.round(want.devices / want.users));
  const tokens: string[] = new Array(want.users);
  const logins = idx.flatMap((i) => Array.from({ length: perUser }, (_, k) => [i, k] as const));
  await each(logins, async ([i, k]) => {
    const s = await passwordLogin(baseUrl, `@${localpart(i)}:${serverName}`, PASSWORD, `DEV${i}_${k}`, `device ${k}`);
    if (k === 0) tokens[i] = s.accessToken;
  });
  rate(log, "devices", logins.length, t);

  fs.writeFileSync(path.join(dir, TOKENS), JSON.stringify(tokens), { mode: 0o600 });
  const made = await addRooms(baseUrl, serverName, tokens, 0, want.rooms, budgetMs, log);

  // Agents: the first 20 users, each declaring all but its last device (so MX-DEVICE-UNEXPECTED has work).
  const agents = idx.slice(0, Math.min(20, want.users)).map((i) => ({
    userId: `@${localpart(i)}:${serverName}`,
    deviceIds: Array.from({ length: Math.max(1, perUser - 1) }, (_, k) => `DEV${i}_${k}`),
  }));
  const built: Built = {
    rooms: made,
    users: want.users,
    devices: logins.length,
    baseUrl,
    serverName,
    auditorUserId,
    auditorToken,
    agents,
    buildMs: Date.now() - t0,
    truncated: made < want.rooms,
  };
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(built, null, 2), { mode: 0o600 });
  return { built, reused: false, syn };
}

/**
 * Rooms [from, to): half encrypted, every 10th public, every 25th world-readable;
 * a creator plus one invited and joined member. Stops at the budget; returns how many it made.
 */
async function addRooms(
  baseUrl: string,
  serverName: string,
  tokens: string[],
  from: number,
  to: number,
  budgetMs: number,
  log: Log,
): Promise<number> {
  const users = tokens.length;
  const t = Date.now();
  const deadline = t + budgetMs;
  let made = 0;
  // In order, so a cut-short build is a prefix and a resumed one continues the same numbering.
  await each(
    [...Array(Math.max(0, to - from)).keys()].map((k) => from + k),
    async (r) => {
      if (Date.now() > deadline) return;
      const owner = r % users;
      const m = (r * 7 + 1) % users;
      const member = m === owner ? (owner + 1) % users : m;
      const initial_state: unknown[] = [];
      if (r % 2 === 0) initial_state.push({ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } });
      if (r % 25 === 0)
        initial_state.push({ type: "m.room.history_visibility", state_key: "", content: { history_visibility: "world_readable" } });
      const { room_id } = await api<{ room_id: string }>(baseUrl, "POST", "/_matrix/client/v3/createRoom", {
        token: tokens[owner],
        body: {
          name: `bench room ${r}`,
          preset: r % 10 === 0 ? "public_chat" : "private_chat",
          invite: [`@${localpart(member)}:${serverName}`],
          initial_state,
        },
      });
      await api(baseUrl, "POST", `/_matrix/client/v3/rooms/${encodeURIComponent(room_id)}/join`, { token: tokens[member], body: {} });
      if (++made % 500 === 0) rate(log, "rooms", made, t);
    },
  );
  rate(log, "rooms", made, t);
  return made;
}
