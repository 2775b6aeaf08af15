/**
 * A scan's time limit cancels what it was waiting on (#14), with real stalling servers on loopback and real scans on
 * a real PGlite database: when the limit passes, the scan fails naming it, and within two seconds the stalling server
 * has no request (HTTP) or connection (TLS) of the scan's still open; none is retried afterwards.
 * Each source is checked alone: the Matrix collector (the homeserver client), the mesh prober (raw TLS attempts) and
 * the homeserver posture probes (node:http). (The limit itself, and that nothing is lost: faults.test.ts.)
 *
 * One thing the scan does not control: after an aborted fetch, Node's undici opens one spare connection that carries
 * no request and closes it at its own keep-alive timeout, about 4 s later (nodejs/undici#5845). So for the homeserver
 * client the bound of two seconds is on requests, and every connection is required closed within six.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePki } from "@/test/support/mesh-pki";
import { countConnections, countRequests, listenOnLoopback, waitUntil, type Closer, type OpenCount } from "@/test/support/loopback-server";

const root = mkdtempSync(path.join(os.tmpdir(), "vigil-limit-cancel-it-"));
process.env.VIGIL_DATA_DIR = root;
process.env.DATABASE_URL = path.join(root, "db");

const { closeDb, getDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { DEFAULT_POLICY } = await import("@/lib/policy/defaults");
const { EMPTY_REGISTRY } = await import("@/lib/registry/types");
type ScanConfig = import("@/lib/scan/scan-config").ScanConfig;

const closers: Closer[] = [];
const LIMITS = { scanMs: 2_000, requestMs: 60_000 };
/** Every source waits far longer than the scan may take: only the scan's limit can end these scans in time. */
const base: ScanConfig = {
  registry: EMPTY_REGISTRY,
  policy: {
    ...DEFAULT_POLICY,
    mesh: { ...DEFAULT_POLICY.mesh, probeTimeoutMs: 60_000 },
    homeserver: { ...DEFAULT_POLICY.homeserver, probeTimeoutMs: 60_000 },
  },
  limits: LIMITS,
};

let stallUrl: string;
let stallRequests: OpenCount;
let stallConnections: OpenCount;
let silentEndpoint: string;
let silentConnections: OpenCount;
let mesh: NonNullable<ScanConfig["mesh"]>;

beforeAll(async () => {
  // A homeserver that sends its headers and the first bytes of a body, then nothing, on every request.
  const stall = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"user_id": "@aud');
  });
  stallRequests = countRequests(stall);
  stallConnections = countConnections(stall);
  stallUrl = `http://${await listenOnLoopback(stall, closers)}`;
  // A mesh endpoint that accepts connections and never says a word (no ServerHello, no close). It reads what it is
  // sent, and drops it, so the client's close reaches it (a socket nobody reads never learns of the FIN).
  const silent = net.createServer((s) => void s.on("error", () => {}).resume());
  silentConnections = countConnections(silent);
  silentEndpoint = await listenOnLoopback(silent, closers);
  const pki = await makePki();
  mesh = {
    caPem: pki.ca.certPem,
    clientCertPem: pki.auditor.certPem,
    clientKeyPem: pki.auditor.keyPem,
    endpoints: [{ endpoint: silentEndpoint, agent: "agent-silent" }],
    certificatePaths: [],
  };
  await getDb().$queryRaw`SELECT 1`; // opens and migrates the database before any scan's clock starts
}, 120_000);

afterAll(async () => {
  await closeDb();
  for (const close of closers.reverse()) await close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs a scan that must fail on its limit; returns its recorded errors and when it returned. */
async function failedOnLimit(config: ScanConfig): Promise<{ errors: string; returnedAt: number }> {
  const started = Date.now();
  const outcome = await runScan(getDb(), config, { trigger: "test" });
  const returnedAt = Date.now();
  expect(returnedAt - started).toBeLessThan(10_000);
  expect(outcome.collected.status).toBe("failed");
  const row = await getDb().scan.findUniqueOrThrow({ where: { id: outcome.scanId } });
  expect(row.status).toBe("failed");
  return { errors: JSON.stringify(row.errors), returnedAt };
}

/** The server saw the scan, and within `withinMs` of the scan's end has nothing of it open; nothing new arrives after. */
async function expectAllClosed(count: OpenCount, acceptedBefore: number, withinMs: number, what: string): Promise<void> {
  expect(count.accepted()).toBeGreaterThan(acceptedBefore);
  const closed = await waitUntil(() => count.open() === 0, withinMs);
  expect(closed, `${count.open()} ${what} still open ${withinMs} ms after the scan failed`).toBe(true);
  // Nothing is retried after the cancellation either: nothing new arrives in the next second.
  const accepted = count.accepted();
  await new Promise((r) => setTimeout(r, 1_000));
  expect(count.accepted(), `a ${what} arrived after the scan failed`).toBe(accepted);
  expect(count.open()).toBe(0);
}

describe("a scan's time limit cancels its outstanding requests", () => {
  it("the homeserver client: the stalled request is aborted and its socket closed, with the limit named", async () => {
    const before = stallRequests.accepted();
    const { errors } = await failedOnLimit({ ...base, homeserver: { baseUrl: stallUrl, accessToken: "syt_limit_token" } });
    expect(errors).toMatch(/reading the homeserver did not finish within the scan's time limit \(2 s\); nothing it read was kept/);
    await expectAllClosed(stallRequests, before, 2_000, "request");
    expect(await waitUntil(() => stallConnections.open() === 0, 5_000), "undici's spare connection outlived its keep-alive").toBe(true);
  }, 60_000);

  it("the mesh prober: a handshake the endpoint never answers is ended and its socket closed, with the limit named", async () => {
    const before = silentConnections.accepted();
    const { errors } = await failedOnLimit({ ...base, mesh });
    expect(errors).toMatch(/probing the mesh did not finish within the scan's time limit \(2 s\); nothing it read was kept/);
    await expectAllClosed(silentConnections, before, 2_000, "connection");
  }, 60_000);

  it("the homeserver posture probes: six stalled requests to the public URL are aborted, with the limit named", async () => {
    await waitUntil(() => stallConnections.open() === 0, 5_000); // the first case's spare connection, if still there
    const before = stallRequests.accepted();
    const { errors } = await failedOnLimit({ ...base, homeserverPosture: { publicBaseUrl: stallUrl } });
    expect(errors).toMatch(/checking the homeserver's posture did not finish within the scan's time limit \(2 s\)/);
    await expectAllClosed(stallRequests, before, 2_000, "request");
    // node:http, no pool: each request's own socket, all closed with their requests.
    expect(stallConnections.open()).toBe(0);
  }, 60_000);
});
