/**
 * The posture score: one number per area (and overall) that tells the same story as the
 * findings and the evidence control matrix. It is computed from the OPEN findings by
 * severity, not from the share of subjects that passed: a share lets one plaintext room
 * among four hundred healthy ones look green, while the control it breaks is failing.
 * A critical open finding therefore caps the score in the red, a high one in the amber,
 * and a result Vigil could not decide keeps it out of the green ("could not tell" is
 * never a pass, as "Partly assessed" in the control matrix).
 */
import type { Area, CheckMeta, Severity } from "../rules/types";

/** Points one open finding of each severity costs. Info findings inform, they don't score. */
export const SEVERITY_PENALTY: Record<Severity, number> = { critical: 25, high: 10, medium: 4, low: 1, info: 0 };

/** The highest score allowed while a critical (red), a high (amber) or an undecided result is open. */
export const SCORE_CAP = { critical: 39, high: 79, unknown: 79 } as const;

export type ScoreBand = "red" | "amber" | "green";

/** Red 0–39, amber 40–79, green 80–100: the caps above put a critical in red and a high in amber. */
export const bandOf = (score: number): ScoreBand => (score <= SCORE_CAP.critical ? "red" : score <= SCORE_CAP.high ? "amber" : "green");

/** The formula in words, for the hover on every place the score is shown. */
export const SCORE_FORMULA =
  `100 − ${SEVERITY_PENALTY.critical} per critical − ${SEVERITY_PENALTY.high} per high − ${SEVERITY_PENALTY.medium} per medium − ` +
  `${SEVERITY_PENALTY.low} per low open finding (accepted ones excluded), never below 0. Any critical open caps it at ` +
  `${SCORE_CAP.critical} (red), any high at ${SCORE_CAP.high} (amber), and any result that could not be decided at ${SCORE_CAP.unknown}. ` +
  "Red 0–39, amber 40–79, green 80–100.";

/** What one check examined in the scan: only its area's subjects and its undecided results matter here. */
export interface CoverageRow {
  check: string;
  examined: number;
  unknown?: number;
}

/** An open (not accepted, not resolved) finding: its check and its severity (policy may override the check's). */
export interface OpenFindingRow {
  check: string;
  severity: Severity;
  /** How many findings this row stands for (a count grouped by check and severity); one when left out. */
  count?: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface PostureScore {
  /** Marks the open-findings model, so scores stored by the older coverage model are recomputed, not mixed. */
  model: "open-findings";
  /** 0–100; null when nothing in scope was examined. */
  overall: number | null;
  areas: Partial<Record<Area, number | null>>;
  /** The open findings behind `overall`, by severity. */
  open: SeverityCounts;
  /** Results examined but not decided. */
  unknown: number;
}

export const zeroCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/** The score of one set of open findings with `unknown` undecided results (pure; the formula above). */
export function scoreFrom(open: SeverityCounts, unknown: number): number {
  let penalty = 0;
  for (const [severity, n] of Object.entries(open) as [Severity, number][]) penalty += SEVERITY_PENALTY[severity] * n;
  let score = Math.max(0, 100 - penalty);
  if (open.critical > 0) score = Math.min(score, SCORE_CAP.critical);
  if (open.high > 0) score = Math.min(score, SCORE_CAP.high);
  if (unknown > 0) score = Math.min(score, SCORE_CAP.unknown);
  return score;
}

type Meta = (check: string) => Pick<CheckMeta, "severity" | "area"> | undefined;

/**
 * Scores one scan. An area is scored when one of its checks examined something; its
 * open findings and undecided results count against it. Checks `meta` does not know
 * (removed since the scan ran) are left out rather than guessed.
 */
export function postureScore(coverage: readonly CoverageRow[], open: readonly OpenFindingRow[], meta: Meta): PostureScore {
  const perArea = new Map<Area, { open: SeverityCounts; unknown: number }>();
  const areaOf = (area: Area) => {
    const existing = perArea.get(area);
    if (existing) return existing;
    const fresh = { open: zeroCounts(), unknown: 0 };
    perArea.set(area, fresh);
    return fresh;
  };
  for (const row of coverage) {
    const m = meta(row.check);
    if (!m || row.examined <= 0) continue;
    areaOf(m.area).unknown += Math.max(0, row.unknown ?? 0);
  }
  for (const f of open) {
    const m = meta(f.check);
    if (m) areaOf(m.area).open[f.severity] += f.count ?? 1;
  }
  const total = { open: zeroCounts(), unknown: 0 };
  const areas: PostureScore["areas"] = {};
  for (const [area, s] of perArea) {
    areas[area] = scoreFrom(s.open, s.unknown);
    for (const sev of Object.keys(total.open) as Severity[]) total.open[sev] += s.open[sev];
    total.unknown += s.unknown;
  }
  const examined = coverage.some((r) => r.examined > 0 && meta(r.check) !== undefined);
  return {
    model: "open-findings",
    overall: examined ? scoreFrom(total.open, total.unknown) : null,
    areas,
    open: total.open,
    unknown: total.unknown,
  };
}
