/**
 * Which scans an export covers and where they came from: the scans in scope
 * (one snapshot, or every complete/partial scan in a period), the snapshot the
 * inventory is taken from, the policy hash, and the homeserver and mesh identity.
 */
import { createHash, X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { DEFAULT_POLICY } from "../policy/defaults";
import type { BundleMeta } from "./source";
import { NoEvidenceError } from "./source";

export type ExportRequest = { scope: "snapshot"; scanId: string } | { scope: "period"; from: Date; to: Date };

export interface ResolvedScope {
  scanIds: string[];
  scans: BundleMeta["scans"];
  period: { from: Date; to: Date };
  inventory: { snapshotId: string; scanId: string; takenAt: Date };
}

/**
 * The scans an export covers. A period with no complete or partial scan is an
 * error, never an empty bundle: absence of scans is not evidence of anything.
 */
export async function resolveScope(db: PrismaClient, req: ExportRequest): Promise<ResolvedScope> {
  const scans = await db.scan.findMany({
    where:
      req.scope === "snapshot"
        ? { id: req.scanId }
        : { startedAt: { gte: req.from, lte: req.to }, status: { in: ["complete", "partial"] } },
    include: { snapshot: { select: { id: true, takenAt: true } } },
    orderBy: { startedAt: "asc" },
  });
  const usable = scans.filter((s) => s.snapshot && s.status !== "running" && s.status !== "failed");
  const last = usable.at(-1);
  if (!last?.snapshot) {
    throw new NoEvidenceError(
      req.scope === "snapshot"
        ? `Scan ${req.scanId} has no completed snapshot to export.`
        : `No completed scan between ${req.from.toISOString().slice(0, 10)} and ${req.to.toISOString().slice(0, 10)}: run a scan or choose a period that has scans. Vigil does not export an empty bundle as evidence.`,
    );
  }
  const period =
    req.scope === "period" ? { from: req.from, to: req.to } : { from: last.startedAt, to: last.finishedAt ?? last.snapshot.takenAt };
  return {
    scanIds: usable.map((s) => s.id),
    scans: usable.map((s) => ({
      id: s.id,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      status: s.status,
    })),
    period,
    inventory: { snapshotId: last.snapshot.id, scanId: last.id, takenAt: last.snapshot.takenAt },
  };
}

/** JSON with sorted keys, so the same policy always hashes the same. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.entries(v)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** The active PolicyVersion's hash when one is recorded, else the hash of the built-in default policy the scans used. */
export async function policyIdentity(db: PrismaClient): Promise<BundleMeta["policy"]> {
  const active = await db.policyVersion.findFirst({ where: { active: true }, orderBy: { createdAt: "desc" } });
  if (active) return { sha256: active.sha256, source: `PolicyVersion ${active.id} (${active.source}, ${active.createdAt.toISOString()})` };
  return {
    sha256: createHash("sha256").update(stableJson(DEFAULT_POLICY)).digest("hex"),
    source: "built-in default policy (sha256 of its sorted-key JSON)",
  };
}

const Homeserver = z.object({ baseUrl: z.string(), serverName: z.string() });
const MeshCa = z.object({ caPem: z.string() });

/** SHA-256 of the first certificate in a PEM bundle, lowercase hex; null when it does not parse. */
export function caFingerprint(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.replace(/:/g, "").toLowerCase();
  } catch {
    return null;
  }
}

/** Homeserver from the inventory snapshot; mesh CA from the stored connection (or `caPem`, for the CLI and tests). */
export async function systemIdentity(
  db: PrismaClient,
  snapshotId: string,
  caPem?: string,
): Promise<Pick<BundleMeta, "homeserver" | "mesh">> {
  const rows = await db.$queryRaw<{ hs: unknown; hasMesh: boolean }[]>`
    SELECT data->'matrix'->'homeserver' AS hs, ((data->'mesh') IS NOT NULL AND data->'mesh' <> 'null'::jsonb) AS "hasMesh" FROM "Snapshot" WHERE id = ${snapshotId}`;
  const hs = Homeserver.safeParse(rows[0]?.hs);
  let mesh: BundleMeta["mesh"] = null;
  if (rows[0]?.hasMesh) {
    const endpoints = await db.endpointRow.count({ where: { snapshotId } });
    const stored = MeshCa.safeParse((await db.setting.findUnique({ where: { key: "connections.mesh" } }))?.value);
    const pem = caPem ?? (stored.success ? stored.data.caPem : undefined);
    mesh = { caFingerprint256: pem ? caFingerprint(pem) : null, endpoints };
  }
  return { homeserver: hs.success ? { baseUrl: hs.data.baseUrl, serverName: hs.data.serverName } : null, mesh };
}

/** Vigil's version from package.json (the working directory's, as the server and CLI run from the app root). */
export function vigilVersion(): string {
  try {
    const pkg = z.object({ version: z.string() }).safeParse(JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")));
    return pkg.success ? pkg.data.version : "unknown";
  } catch {
    return "unknown";
  }
}
