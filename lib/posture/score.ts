/**
 * The posture score: one number per area (and overall) that moves when
 * something gets better or worse. It is the share of examined subjects that
 * passed, each check weighted by its severity, so one unencrypted room out of
 * 400 costs more than one stale device out of 400, and a check that examined
 * nothing neither helps nor hurts.
 */
import type { Area, CheckMeta, Severity } from "../rules/types";

/** How much a subject of each severity counts. Info checks inform, they don't score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 1, info: 0 };

export interface CoverageRow {
  check: string;
  examined: number;
  passed: number;
}

export interface PostureScore {
  /** 0–100, rounded; null when nothing in scope was examined. */
  overall: number | null;
  areas: Partial<Record<Area, number | null>>;
}

/**
 * Scores one scan's coverage. `meta` looks a check up by id; checks it does
 * not know (removed since the scan ran) are left out rather than guessed.
 */
export function postureScore(coverage: readonly CoverageRow[], meta: (check: string) => Pick<CheckMeta, "severity" | "area"> | undefined): PostureScore {
  const sums = new Map<Area, { passed: number; examined: number }>();
  for (const row of coverage) {
    const m = meta(row.check);
    if (!m || row.examined <= 0) continue;
    const w = SEVERITY_WEIGHT[m.severity];
    const s = sums.get(m.area) ?? { passed: 0, examined: 0 };
    s.passed += w * Math.min(Math.max(row.passed, 0), row.examined);
    s.examined += w * row.examined;
    sums.set(m.area, s);
  }
  const pct = (s: { passed: number; examined: number }) => (s.examined > 0 ? Math.round((100 * s.passed) / s.examined) : null);
  const areas: PostureScore["areas"] = {};
  const total = { passed: 0, examined: 0 };
  for (const [area, s] of sums) {
    areas[area] = pct(s);
    total.passed += s.passed;
    total.examined += s.examined;
  }
  return { overall: pct(total), areas };
}
