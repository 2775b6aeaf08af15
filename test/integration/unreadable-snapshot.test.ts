/**
 * Stored snapshots through readSnapshot() on a real database: scans of a real (loopback, closed)
 * mesh endpoint write the rows, then rows are made to look as they do in the field — one stored
 * before versioning, one damaged. A row of the old shape reads as it always did; a damaged row
 * is named ("snapshot X is unreadable: …") by every view that reads it, by the next scan that
 * would compare with it, and by the alerts' drift — never a crash, never "no changes".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ScanConfig } from "@/lib/scan/scan-config";
import { closedPort } from "@/test/support/closed-port";
import { makePki } from "@/test/support/mesh-pki";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-unreadable-"));
// The database must be ours, chosen before lib/db is first imported.
process.env.DATABASE_URL = path.join(tmp, "db");
process.env.VIGIL_DATA_DIR = path.join(tmp, "data");
// lib/log writes its JSON lines here, so the test reads what an operator's log would say.
const LOG_FILE = path.join(tmp, "vigil.log");
process.env.VIGIL_LOG_FILE = LOG_FILE;
/** Messages of the JSON log lines written so far that match `pattern`. */
const loggedMessages = (pattern: RegExp): string[] =>
  (fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, "utf8").split("\n").filter(Boolean) : [])
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? "")
    .filter((msg) => pattern.test(msg));

const FIXTURE = path.join(import.meta.dirname, "../../lib/snapshot/__fixtures__/stored-v1.json");
// Any JSON goes into the column, as any JSON came out of older versions: that is the point.
const storedBeforeVersioning = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as object;

let db: PrismaClient;
let closeDb: () => Promise<void>;
let config: ScanConfig;
let endpoint: string;
let runScan: typeof import("@/lib/scan/run-scan").runScan;
const scans: { scanId: string; snapshotId: string }[] = [];

/** A stored snapshot whose takenAt is not a date: what a bad write or a hand edit leaves behind. */
const damage = async (snapshotId: string) => {
  const row = await db.snapshot.findUniqueOrThrow({ where: { id: snapshotId } });
  await db.snapshot.update({ where: { id: snapshotId }, data: { data: { ...(row.data as object), takenAt: 1767225600000 } } });
};
const BROKEN = "takenAt: Invalid input: expected string, received number";

async function scan() {
  const outcome = await runScan(db, config, { trigger: "cli" });
  const snap = await db.snapshot.findUniqueOrThrow({ where: { scanId: outcome.scanId }, select: { id: true } });
  scans.push({ scanId: outcome.scanId, snapshotId: snap.id });
  return { scanId: outcome.scanId, snapshotId: snap.id, outcome };
}

beforeAll(async () => {
  const client = await import("@/lib/db/client");
  db = client.getDb();
  closeDb = client.closeDb;
  ({ runScan } = await import("@/lib/scan/run-scan"));
  const { DEFAULT_POLICY } = await import("@/lib/policy/defaults");
  const pki = await makePki();
  endpoint = `127.0.0.1:${await closedPort()}`;
  config = {
    mesh: {
      caPem: pki.ca.certPem,
      clientCertPem: pki.auditor.certPem,
      clientKeyPem: pki.auditor.keyPem,
      endpoints: [{ endpoint, agent: "gone" }],
      certificatePaths: [],
    },
    registry: { agents: [{ name: "gone", endpoint, deviceIds: [], siblings: [] }], allowedMembers: [] },
    policy: DEFAULT_POLICY,
  };
}, 120_000);

afterAll(async () => {
  await closeDb?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("stored snapshots on a real database", () => {
  it("stores new snapshots versioned, and reads them back", async () => {
    const first = await scan();
    expect(first.outcome.collected.status).toBe("complete");
    const row = await db.snapshot.findUniqueOrThrow({ where: { id: first.snapshotId } });
    expect(row.data).toMatchObject({ schemaVersion: 1, registry: config.registry });
    const { getEndpointDetail } = await import("@/lib/views/mesh");
    expect(await getEndpointDetail(endpoint)).toMatchObject({ unreadable: null, facts: { endpoint, reachable: false } });
  });

  it("reads a row stored before versioning (today's shape) as it always read, drift included", async () => {
    const second = await scan();
    const [first] = scans;
    if (!first) throw new Error("no first scan");
    await db.snapshot.update({ where: { id: first.snapshotId }, data: { data: storedBeforeVersioning } });
    const { getDriftView } = await import("@/lib/drift/view");
    const view = await getDriftView();
    expect(view?.latest.snapshotId).toBe(second.snapshotId);
    // The fixture saw a whole test bed and this scan one dead endpoint: a comparison, with changes, not an error.
    expect(view?.sincePrevious).toMatchObject({ changes: expect.arrayContaining([expect.objectContaining({ kind: expect.any(String) })]) });
  });

  it("lists a key entry that fails the schema in the evidence inventory as unreadable, never drops it", async () => {
    const [first] = scans;
    if (!first) throw new Error("no first scan");
    const damagedDevices = structuredClone(storedBeforeVersioning) as { matrix: { devices: Record<string, unknown>[] } };
    const device = damagedDevices.matrix.devices[2];
    if (!device) throw new Error("fixture has fewer than three devices");
    device.trust = "trusted-because-the-server-said-so";
    await db.snapshot.update({ where: { id: first.snapshotId }, data: { data: damagedDevices as object } });
    const { evidenceSourceFromDb } = await import("@/lib/evidence/db-source");
    const src = await evidenceSourceFromDb(db, {
      request: { scope: "snapshot", scanId: first.scanId },
      frameworks: ["SOC2"],
      generatedBy: "t",
    });
    const keys: unknown[] = [];
    for await (const k of src.keys()) keys.push(k);
    // Every other device is listed as before; the damaged one is listed as what it is.
    const devices = damagedDevices.matrix.devices.length;
    expect(keys.filter((k) => (k as { kind: string }).kind === "device")).toHaveLength(devices - 1);
    expect(keys).toContainEqual({
      kind: "unreadable",
      at: "matrix.devices.2",
      reason: expect.stringMatching(new RegExp(`^snapshot ${first.snapshotId} is unreadable: matrix\\.devices\\.2: trust: Invalid option`)),
    });
    await db.snapshot.update({ where: { id: first.snapshotId }, data: { data: storedBeforeVersioning } });
  });

  it("names a damaged latest snapshot on the Mesh endpoint, Agents and Drift views instead of showing nothing", async () => {
    const latest = scans.at(-1);
    if (!latest) throw new Error("no scan");
    await damage(latest.snapshotId);
    const message = `snapshot ${latest.snapshotId} is unreadable: ${BROKEN}`;
    const { getEndpointDetail } = await import("@/lib/views/mesh");
    const { getAgentsOverview } = await import("@/lib/views/agents");
    const { getDriftView } = await import("@/lib/drift/view");
    // The row still says what was enforced; the probes and chain are withheld, with the reason.
    expect(await getEndpointDetail(endpoint)).toMatchObject({ row: { endpoint }, facts: null, unreadable: message });
    expect(await getAgentsOverview()).toEqual({ snapshot: expect.objectContaining({ id: latest.snapshotId }), unreadable: message });
    const drift = await getDriftView();
    expect(drift?.sincePrevious).toEqual({ notCompared: message });
    expect(drift?.sinceBaseline).toEqual({ notCompared: message });
  });

  it("a scan whose baseline is unreadable still completes, compares with nothing and says why in its errors", async () => {
    const damaged = scans.at(-1);
    if (!damaged) throw new Error("no scan");
    const { acceptBaseline } = await import("@/lib/drift/view");
    await acceptBaseline("auditor@vigil.test", damaged.snapshotId);
    const next = await scan();
    const row = await db.scan.findUniqueOrThrow({ where: { id: next.scanId } });
    expect(row.status).toBe("complete");
    expect(row.errors).toContainEqual({
      source: "vigil",
      scope: "baseline",
      message: `snapshot ${damaged.snapshotId} is unreadable: ${BROKEN}`,
    });
  });

  it("the alerts' drift next to a damaged snapshot is not compared (logged), rather than thrown or reported as no change", async () => {
    const { scanDrift } = await import("@/lib/alerts/scan-changes");
    const [first, damaged, after] = scans;
    if (!first || !damaged || !after) throw new Error("expected three scans");
    const before = loggedMessages(/drift not compared/).length;
    expect(await scanDrift(db, damaged.scanId)).toBeUndefined(); // the damaged one against the one before it
    expect(await scanDrift(db, after.scanId)).toBeUndefined(); // the next one against the damaged one
    expect(loggedMessages(/drift not compared/).slice(before)).toEqual([
      `drift not compared: snapshot ${damaged.snapshotId} is unreadable: ${BROKEN}`,
      `drift not compared: snapshot ${damaged.snapshotId} is unreadable: ${BROKEN}`,
    ]);
    // With the damage repaired the same call compares, so the undefined above was the damage speaking.
    await db.snapshot.update({ where: { id: damaged.snapshotId }, data: { data: storedBeforeVersioning } });
    expect(await scanDrift(db, after.scanId)).toMatchObject({ comparedWithScan: damaged.scanId, total: expect.any(Number) });
  });
});
