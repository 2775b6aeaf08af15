/**
 * node --conditions=react-server --import tsx bench/load/seed.ts <plan.json>
 *
 * Seeds the load benchmark's database (DATABASE_URL) before the server starts (PGlite admits one process):
 * - the people who will sign in, made by lib/users' createUser (real argon2 hashes);
 * - a baseline snapshot (a day old, accepted) and the latest one: bench/rooms-view's rooms, bench/load/world.ts's
 *   people, agents and devices, and the loopback mesh as Vigil's own prober saw it a moment ago;
 * - what a scan records with them: rows for every list view, every check's coverage, the findings, the posture score.
 * The latest snapshot is dated ahead (plan.latestAheadMs) so the benchmark's mesh-only scans, recorded while it runs,
 * never replace it as the snapshot every view reads (see bench/README.md). Writes the ids the dynamic pages need.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createMeshProber } from "../../lib/collect/mesh";
import { closeDb, getDb } from "../../lib/db/client";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import { processFinishedScan } from "../../lib/scan/after-scan";
import { meshRows } from "../../lib/scan/mesh-rows";
import { snapshotRows } from "../../lib/scan/snapshot-rows";
import { loadRegistry } from "../../lib/registry/load";
import { judgedRegistry } from "../../lib/registry/profiles";
import { allChecks } from "../../lib/rules/catalogue";
import { evaluate } from "../../lib/rules/evaluate";
import { findingKey } from "../../lib/rules/types";
import type { Snapshot } from "../../lib/snapshot/types";
import { toStoredSnapshot } from "../../lib/snapshot/version";
import { createUser } from "../../lib/users/create-user";
import { benchRooms } from "../rooms-view/seed";
import { benchDevices, benchUsers } from "./world";

export interface SeedPlan {
  rooms: number;
  meshDir: string;
  registryFiles: string[];
  users: { email: string; name: string; role: "viewer" | "auditor" | "admin"; password: string }[];
  latestAheadMs: number;
  out: string;
}

export interface SeedSamples {
  roomIds: string[];
  findingIds: string[];
  endpoints: string[];
  userIds: string[];
  devicePairs: { userId: string; deviceId: string }[];
  fingerprints: string[];
  findings: number;
  devices: number;
}

const DAY = 86_400_000;
const plan = JSON.parse(await readFile(process.argv[2] ?? "", "utf8")) as SeedPlan;
const db = getDb();
const now = new Date();

await Promise.all(plan.users.map((u) => createUser(u)));

const read = (f: string) => readFile(path.join(plan.meshDir, f), "utf8");
const meshState = JSON.parse(await read("mesh.json")) as { endpoints: { endpoint: string; agent: string; spiffeId: string }[] };
const { mesh, errors } = await createMeshProber({
  caPem: await read("ca.pem"),
  clientCertPem: await read("auditor.pem"),
  clientKeyPem: await read("auditor-key.pem"),
  endpoints: meshState.endpoints.map((e) => ({ endpoint: e.endpoint, agent: e.agent, expectedIdentity: e.spiffeId })),
  certificateFiles: [path.join(plan.meshDir, "certs-dir")],
  policy: DEFAULT_POLICY.mesh,
}).collect();
if (errors.length) throw new Error(`probing the mesh for the seed: ${errors.map((e) => `${e.scope}: ${e.message}`).join("; ")}`);

const registry = judgedRegistry(loadRegistry(plan.registryFiles), DEFAULT_POLICY.matrix.allowedMembers);
const matrix = (rooms = benchRooms(plan.rooms)): Snapshot["matrix"] => ({
  homeserver: { baseUrl: "https://matrix.bench.test", serverName: "bench.test" },
  view: "admin",
  auditor: { userId: "@vigil-auditor:bench.test" },
  rooms,
  users: benchUsers(),
  devices: benchDevices(now.getTime()),
});

// The baseline: a day older, one room in a hundred encrypted since then (drift has something to show).
const baselineRooms = benchRooms(plan.rooms).map((r, i) => (i % 100 === 2 ? { ...r, encryption: null } : r));
const baselineScan = await db.scan.create({
  data: { trigger: "bench", status: "complete", startedAt: new Date(now.getTime() - DAY), finishedAt: new Date(now.getTime() - DAY) },
});
const baselineData: Snapshot = { takenAt: new Date(now.getTime() - DAY).toISOString(), errors: [], matrix: matrix(baselineRooms), mesh };
await db.snapshot.create({
  data: {
    scanId: baselineScan.id,
    takenAt: new Date(baselineData.takenAt),
    status: "complete",
    data: toStoredSnapshot(baselineData, registry) as object,
    isBaseline: true,
    baselineAcceptedBy: plan.users[0]?.email ?? "bench",
    baselineAcceptedAt: now,
  },
});

const snapshot: Snapshot = { takenAt: new Date(now.getTime() + plan.latestAheadMs).toISOString(), errors: [], matrix: matrix(), mesh };
const evaluation = evaluate(allChecks, { snapshot, policy: DEFAULT_POLICY, registry, baseline: baselineData, now });
const rows = snapshotRows(snapshot, registry, new Set());
const meshTables = meshRows(mesh, evaluation, now);
const scan = await db.scan.create({ data: { trigger: "bench", status: "complete", finishedAt: now, stage: "done", progress: 1 } });
const snap = await db.snapshot.create({
  data: { scanId: scan.id, takenAt: new Date(snapshot.takenAt), status: "complete", data: toStoredSnapshot(snapshot, registry) as object },
});
const inChunks = async <T>(items: T[], write: (chunk: T[]) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += 2000) await write(items.slice(i, i + 2000));
};
const snapshotId = snap.id;
await inChunks(rows.rooms, (c) => db.roomRow.createMany({ data: c.map((r) => ({ ...r, snapshotId })) }));
await inChunks(rows.devices, (c) => db.deviceRow.createMany({ data: c.map((d) => ({ ...d, snapshotId })) }));
await db.endpointRow.createMany({ data: meshTables.endpoints.map((e) => ({ ...e, snapshotId })) });
await db.certificateRow.createMany({ data: meshTables.certificates.map((c) => ({ ...c, snapshotId })) });
await db.checkRun.createMany({ data: evaluation.coverage.map((c) => ({ ...c, scanId: scan.id })) });
// All new, so created in bulk rather than through updateFindings' one-by-one lifecycle (the same rows).
await inChunks(evaluation.findings, (c) =>
  db.finding.createMany({
    data: c.map((f) => ({
      key: findingKey(f),
      check: f.check,
      severity: f.severity,
      subjectType: f.subject.type,
      subjectId: f.subject.id,
      subjectLabel: f.subject.label?.slice(0, 500) ?? null,
      detail: f.detail,
      evidence: f.evidence as object,
      firstSeenAt: now,
      lastSeenAt: now,
      lastScanId: scan.id,
    })),
  }),
);
await db.scan.update({
  where: { id: scan.id },
  data: {
    counts: {
      findings: evaluation.findings.length,
      rooms: rows.rooms.length,
      devices: rows.devices.length,
      endpoints: mesh.endpoints.length,
      opened: evaluation.findings.length,
      resolved: 0,
      undecided: 0,
    },
  },
});
await processFinishedScan(db, scan.id);

const spread = <T>(list: T[], n: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);
const findingIds = (await db.finding.findMany({ select: { id: true }, orderBy: { key: "asc" } })).map((f) => f.id);
const samples: SeedSamples = {
  roomIds: spread(
    rows.rooms.map((r) => r.roomId),
    200,
  ),
  findingIds: spread(findingIds, 200),
  endpoints: mesh.endpoints.map((e) => e.endpoint),
  userIds: spread(
    rows.devices.map((d) => d.userId).filter((u, i, all) => all.indexOf(u) === i),
    100,
  ),
  devicePairs: spread(
    rows.devices.map((d) => ({ userId: d.userId, deviceId: d.deviceId })),
    200,
  ),
  fingerprints: [...new Set(meshTables.certificates.map((c) => c.fingerprint))],
  findings: evaluation.findings.length,
  devices: rows.devices.length,
};
await writeFile(plan.out, JSON.stringify(samples));
console.error(
  `[seed] ${rows.rooms.length} rooms, ${rows.devices.length} devices, ${mesh.endpoints.length} endpoints, ` +
    `${evaluation.findings.length} findings, ${plan.users.length} users`,
);
await closeDb();
