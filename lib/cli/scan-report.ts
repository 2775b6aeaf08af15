/** What one `vigil scan` produced: a module of its own, so each output format (format.ts, sarif.ts) imports it and not the other. */
import type { Evaluation } from "../rules/evaluate";
import type { Collected } from "../scan/collect-snapshot";
import type { StateReport } from "./scan-state";

export interface ScanReport {
  collected: Collected;
  evaluation: Evaluation;
  durationMs: number;
  /** Present with --state: baseline, drift and findings since the previous complete scan. */
  state?: StateReport;
}
