/**
 * Posture over time, for the Overview's history chart. Scores are stored in
 * Scan.counts.score by the after-scan job; scans from before that (or whose
 * job has not run yet) are scored on read from their CheckRun rows.
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

const StoredScore = z.object({ overall: z.number().nullable(), areas: z.record(z.string(), z.number().nullable()) });

/** Scores a scan from its recorded coverage. */
export async function scoreScan(db: Pick<PrismaClient, "checkRun">, scanId: string): Promise<PostureScore> {
  const runs = await db.checkRun.findMany({ where: { scanId }, select: { check: true, examined: true, passed: true } });
  return postureScore(runs, (id) => checkById.get(id)?.meta);
}

/**
 * The last `n` finished scans (complete or partial), oldest first, each with
 * its posture score. Failed scans are left out: they examined nothing.
 */
export async function postureHistory(db: Pick<PrismaClient, "scan" | "checkRun">, n: number): Promise<PosturePoint[]> {
  const scans = await db.scan.findMany({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { startedAt: "desc" },
    take: Math.max(1, Math.min(n, 500)),
    select: { id: true, startedAt: true, status: true, counts: true },
  });
  const points: PosturePoint[] = [];
  for (const s of scans.reverse()) {
    const stored = StoredScore.safeParse((s.counts as { score?: unknown } | null)?.score);
    const score = stored.success ? (stored.data as PostureScore) : await scoreScan(db, s.id);
    points.push({ scanId: s.id, at: s.startedAt, status: s.status, ...score });
  }
  return points;
}
