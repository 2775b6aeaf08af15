import "server-only";
import { getDb } from "../db";
import { buildControlMatrix, type ControlState } from "../evidence/control-matrix";
import { FRAMEWORKS } from "../evidence/controls-catalogue";
import { postureScore, type PostureScore } from "../posture/score";
import { allChecks, checkById } from "../rules/catalogue";

export interface CurrentPosture {
  score: PostureScore;
  /** The control matrix as of now (latest finished scan's coverage, findings as they stand): controls per status. */
  controls: Record<ControlState, number>;
  controlTotal: number;
}

/**
 * The posture as it stands: the latest finished scan's coverage with the findings open
 * NOW, so accepting or resolving a finding moves the score at once, and the Overview's
 * number, its areas, the Findings list and the evidence control matrix read one state.
 * The control statuses come from the same buildControlMatrix the evidence bundle uses.
 */
export async function getCurrentPosture(): Promise<CurrentPosture | null> {
  const db = getDb();
  const scan = await db.scan.findFirst({
    where: { status: { in: ["complete", "partial"] } },
    orderBy: { startedAt: "desc" },
    select: { id: true },
  });
  if (!scan) return null;
  const [runs, open, groups] = await Promise.all([
    db.checkRun.findMany({ where: { scanId: scan.id } }),
    // Counted by the database: the score needs how many per check and severity, not thousands of rows.
    db.finding.groupBy({ by: ["check", "severity"], where: { status: "open" }, _count: { _all: true } }),
    db.finding.groupBy({ by: ["check", "status"], where: { status: { in: ["open", "accepted"] } }, _count: { _all: true } }),
  ]);
  const score = postureScore(
    runs,
    open.map((g) => ({ check: g.check, severity: g.severity, count: g._count._all })),
    (id) => checkById.get(id)?.meta,
  );
  const count = (check: string, status: "open" | "accepted") =>
    groups.find((g) => g.check === check && g.status === status)?._count._all ?? 0;
  const matrix = buildControlMatrix({
    checks: allChecks.map((c) => c.meta),
    frameworks: FRAMEWORKS.map((f) => f.id),
    coverage: runs.map((r) => ({ check: r.check, examined: r.examined, passed: r.passed, failed: r.failed, unknown: r.unknown, scans: 1 })),
    findings: [...new Set(groups.map((g) => g.check))].map((check) => ({
      check,
      failingCount: count(check, "open"),
      failing: [],
      exceptionsCount: count(check, "accepted"),
      exceptions: [],
    })),
    listLimit: 0,
  });
  const controls: Record<ControlState, number> = { "satisfied": 0, "failing": 0, "exceptions": 0, "incomplete": 0, "not-assessed": 0 };
  for (const c of matrix) controls[c.status] += 1;
  return { score, controls, controlTotal: matrix.length };
}
