/**
 * npx tsx bench/rooms-view/run.ts [--rooms 10000] [--users 20] [--requests 400] [--database postgres://…]
 *
 * The Rooms view under load: a production server (`next build` first) on a
 * database holding one snapshot of N rooms, `--users` signed-in clients
 * requesting pages with different filters and sorts at once. Prints JSON with
 * latency percentiles (loopback, so response time ≈ server time). Target: p95 ≤ 200 ms
 * at 10k rooms and 20 concurrent users.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { rooms: { type: "string", default: "10000" }, users: { type: "string", default: "20" }, requests: { type: "string", default: "400" }, database: { type: "string" } },
});
const rooms = Number(values.rooms);
const users = Number(values.users);
const total = Number(values.requests);
const root = path.resolve(import.meta.dirname, "../..");
const data = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-rooms-"));
// Embedded PGlite by default; --database names an empty, disposable PostgreSQL database.
const env = { ...process.env, VIGIL_DATA_DIR: data, DATABASE_URL: values.database ?? path.join(data, "db"), NEXT_TELEMETRY_DISABLED: "1" };
const [email, password] = ["bench@vigil.test", "bench-password-123"];

const seeded = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, "seed.ts"), String(rooms), email, password], { env, stdio: ["ignore", "inherit", "inherit"] });
if (seeded.status !== 0) throw new Error("seeding failed");

const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: root, env, stdio: "ignore" });
try {
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error("server did not start");
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookie = await signIn();
  const paths = ["/rooms", "/rooms?plaintext=1", "/rooms?sort=name&dir=asc", "/rooms?agents=1&page=7", "/rooms?public=1&sort=members", "/rooms?page=40", "/rooms?q=room%2099"];
  await fetch(`${base}/rooms`, { headers: { cookie } }); // warm the route once
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (next < total) {
        const p = paths[next++ % paths.length]!;
        const t = performance.now();
        const res = await fetch(base + p, { headers: { cookie } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (!res.ok) errors++;
      }
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  console.log(JSON.stringify({ database: values.database ? "postgresql" : "pglite", rooms, concurrentUsers: users, requests: latencies.length, errors, wallMs: Math.round(wallMs), p50Ms: pct(0.5), p95Ms: pct(0.95), p99Ms: pct(0.99), maxMs: pct(1), targets: { p95MsMax: 200 }, pass: pct(0.95) <= 200 && errors === 0 }));
} finally {
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
}

async function signIn(): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return session;
}
