/**
 * Posture over time, for the Overview's history chart. Scores are stored in
 * Scan.counts.score by the after-scan job; scans from before that (or scored by the
 * older coverage model, or whose job has not run yet) are scored on read from their
 * CheckRun rows and the findings that were open when they finished.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { checkById } from "../rules/catalogue";
import { postureScore, type PostureScore } from "./score";

export interface PosturePoint extends PostureScore {
  scanId: string;
  at: Date;
  status: string;
}

const Counts = z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number(), info: z.number() });
const StoredScore = z.object({
  model: z.literal("open-findings"),
  overall: z.number().nullable(),
  areas: z.record(z.enum(["matrix", "mesh", "registry", "homeserver"]), z.number().nullable()),
  open: Counts,
  unknown: z.number(),
});

type Db = Pick<PrismaClient, "checkRun" | "finding" | "scan">;

/**
 * Scores a scan: its coverage, and the findings open when it finished — first seen by
 * then, not resolved by then, not accepted. (A finding that was resolved and reopened
 * since keeps no record of the gap, so an old scan may be scored a little harsher.)
 */
export async function scoreScan(db: Db, scanId: string): Promise<PostureScore> {
  const scan = await db.scan.findUnique({ where: { id: scanId }, select: { startedAt: true, finishedAt: true } });
  const at = scan?.finishedAt ?? scan?.startedAt ?? new Date();
  const [runs, open] = await Promise.all([
    db.checkRun.findMany({ where: { scanId }, select: { check: true, examined: true, unknown: true } }),
    // Counted by the database: a row per open finding cost thousands of rows per scored scan (bench/load).
    db.finding.groupBy({
      by: ["check", "severity"],
      where: { status: { not: "accepted" }, firstSeenAt: { lte: at }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }] },
      _count: { _all: true },
    }),
  ]);
  const counted = open.map((g) => ({ check: g.check, severity: g.severity, count: g._count._all }));
  return postureScore(runs, counted, (id) => checkById.get(id)?.meta);
}

/**
 * The last `n` finished scans (complete or partial), oldest first, each with
 * its posture score. Failed scans are left out: they examined nothing.
 */
export async function postureHistory(db: Db, n: number): Promise<PosturePoint[]> {
  const scans = await db.scan.findMany({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { startedAt: "desc" },
    take: Math.max(1, Math.min(n, 500)),
    select: { id: true, startedAt: true, status: true, counts: true },
  });
  const points: PosturePoint[] = [];
  for (const s of scans.reverse()) {
    const stored = StoredScore.safeParse((s.counts as { score?: unknown } | null)?.score);
    const score = stored.success ? stored.data : await scoreScan(db, s.id);
    points.push({ scanId: s.id, at: s.startedAt, status: s.status, ...score });
  }
  return points;
}
