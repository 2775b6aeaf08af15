/**
 * npx tsx bench/rooms-view/run.ts [--rooms 10000] [--users 20] [--actions 20]
 *   [--think-ms 1000] [--saturation 400] [--database postgres://…]
 *
 * The Rooms view under load: a production server (`next build` first) on a
 * database holding one snapshot of N rooms.
 *
 * Users: `--users` people, each with their own session, open /rooms (a full
 * document) and then take `--actions` steps through it: filters, sorts,
 * search and pages, each an in-app navigation (the RSC request the browser
 * makes when a link is clicked), with a think time drawn uniformly from
 * 0.5–1.5 × `--think-ms` between steps (a brisk analyst; seeded, so runs
 * compare). Latency is measured per request on loopback, so it is the server's
 * time plus a socket hop. Target: p95 ≤ 200 ms at 10k rooms, 20 users.
 *
 * Saturation: the same requests fired back to back by every user with no
 * think time, for capacity (requests/s) and the latency once the server is
 * the bottleneck. Reported, not a target: it measures the box, not the view.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    "rooms": { type: "string", default: "10000" },
    "users": { type: "string", default: "20" },
    "actions": { type: "string", default: "20" },
    "think-ms": { type: "string", default: "1000" },
    "saturation": { type: "string", default: "400" },
    "database": { type: "string" },
  },
});
const rooms = Number(values.rooms);
const users = Number(values.users);
const actions = Number(values.actions);
const thinkMs = Number(values["think-ms"]);
const saturationRequests = Number(values.saturation);
const root = path.resolve(import.meta.dirname, "../..");
const data = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-rooms-"));
// Embedded PGlite by default; --database names an empty, disposable PostgreSQL database.
const env = { ...process.env, VIGIL_DATA_DIR: data, DATABASE_URL: values.database ?? path.join(data, "db"), NEXT_TELEMETRY_DISABLED: "1" };
const [email, password] = ["bench@vigil.test", "bench-password-123"];

/** What people do on the Rooms view: chips, sorts, search, deep pages. */
const STEPS = [
  "/rooms?plaintext=1",
  "/rooms?sort=name&dir=asc",
  "/rooms?agents=1&page=7",
  "/rooms?public=1&sort=members",
  "/rooms?page=40",
  "/rooms?q=room%2099",
  "/rooms?sort=encryption&page=3",
  "/rooms",
];

const seeded = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, "seed.ts"), String(rooms), email, password],
  { env, stdio: ["ignore", "inherit", "inherit"] },
);
if (seeded.status !== 0) throw new Error("seeding failed");

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
  { cwd: root, env, stdio: "ignore" },
);
try {
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error("server did not start");
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookies = await Promise.all(Array.from({ length: users }, signIn));
  // Warm up as a running server would be: every sort order loaded, both render paths compiled.
  for (const p of STEPS) await get(cookies[0]!, p, true);
  for (let i = 0; i < 3; i++) await get(cookies[0]!, "/rooms", false);

  const random = mulberry32(42);
  const documents: number[] = [];
  const navigations: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    cookies.map(async (cookie, u) => {
      await sleep(random() * thinkMs); // people do not arrive in the same millisecond
      const first = await get(cookie, "/rooms", false);
      documents.push(first.ms);
      errors += first.ok ? 0 : 1;
      for (let a = 0; a < actions; a++) {
        await sleep(thinkMs * (0.5 + random()));
        const step = await get(cookie, STEPS[(u + a) % STEPS.length]!, true);
        navigations.push(step.ms);
        errors += step.ok ? 0 : 1;
      }
    }),
  );
  const usersWallMs = performance.now() - t0;

  const saturation: number[] = [];
  let next = 0;
  const s0 = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      while (next < saturationRequests) {
        const step = await get(cookie, STEPS[next++ % STEPS.length]!, true);
        saturation.push(step.ms);
        errors += step.ok ? 0 : 1;
      }
    }),
  );
  const saturationWallMs = performance.now() - s0;

  const all = [...documents, ...navigations];
  const p95 = pct(all, 0.95);
  console.log(
    JSON.stringify({
      database: values.database ? "postgresql" : "pglite",
      rooms,
      users,
      thinkMs,
      requests: all.length,
      errors,
      requestsPerSecond: round(all.length / (usersWallMs / 1000)),
      p50Ms: pct(all, 0.5),
      p95Ms: p95,
      p99Ms: pct(all, 0.99),
      maxMs: pct(all, 1),
      document: { requests: documents.length, p50Ms: pct(documents, 0.5), p95Ms: pct(documents, 0.95) },
      navigation: { requests: navigations.length, p50Ms: pct(navigations, 0.5), p95Ms: pct(navigations, 0.95) },
      saturation: {
        requests: saturation.length,
        requestsPerSecond: round(saturation.length / (saturationWallMs / 1000)),
        p50Ms: pct(saturation, 0.5),
        p95Ms: pct(saturation, 0.95),
      },
      targets: { p95MsMax: 200 },
      pass: p95 <= 200 && errors === 0,
    }),
  );
} finally {
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
}

/**
 * One request as the browser makes it: a document, or (rsc) the payload of an
 * in-app navigation. Next wants an `_rsc` cache-buster that hashes the router
 * headers; without a router state tree that hash is empty, and the server
 * renders the whole tree, layout included (a little more work than a browser
 * asks for). ok only if it is the Rooms page itself, not a redirect to sign-in.
 */
async function get(cookie: string, p: string, rsc: boolean): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  const url = rsc ? `${base}${p}${p.includes("?") ? "&" : "?"}_rsc` : base + p;
  const res = await fetch(url, { redirect: "manual", headers: rsc ? { cookie, RSC: "1" } : { cookie } });
  const body = await res.text();
  const ms = performance.now() - t;
  return { ms, ok: res.status === 200 && body.includes("Rooms") };
}

async function signIn(): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "cookie": jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.startsWith("vigil.session="));
  if (!session) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return session;
}

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A small seeded PRNG, so two runs draw the same think times. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
