/**
 * Runs fuzz targets (fuzz-targets.ts) and counts, per target: cases, rejections (the parser's typed error, with a
 * clear message), crashes (anything else thrown, or a rejection whose message is not clear) and hangs (a case over
 * the per-case bound). A case that never returns would stall the run itself, so each case is also raced against
 * the bound: an asynchronous hang is cut off and counted; a synchronous one shows as the run not finishing.
 */
import fc from "fast-check";
import type { FuzzTarget } from "./fuzz-targets";

export interface FuzzReport {
  target: string;
  cases: number;
  returned: number;
  rejected: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
  /** The first few failures, shrunk by nothing: the input (abridged) and what went wrong. */
  examples: { input: string; problem: string }[];
}

const MAX_MESSAGE = 2_000;

/**
 * A rejection people can act on: a non-empty message, bounded, with no "[object Object]", NaN or stray "undefined" in
 * it (zod's "received undefined" is its word for a missing field, and reads as such).
 */
export function clearMessage(err: unknown): string | undefined {
  if (!(err instanceof Error)) return "thrown value is not an Error";
  const m = err.message;
  if (!m.trim()) return "empty message";
  if (m.length > MAX_MESSAGE) return `message of ${m.length} characters`;
  if (/\[object Object\]|\bNaN\b/.test(m) || /\bundefined\b/.test(m.replaceAll("received undefined", "")))
    return `unclear message: ${m.slice(0, 200)}`;
  return undefined;
}

const abridge = (v: unknown): string => {
  const text = v instanceof Uint8Array ? `bytes(${v.length}) ${Buffer.from(v.slice(0, 48)).toString("hex")}` : fc.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

export async function fuzz(target: FuzzTarget, opts: { cases: number; seed: number; caseTimeoutMs: number }): Promise<FuzzReport> {
  const report: FuzzReport = { target: target.name, cases: 0, returned: 0, rejected: 0, crashes: 0, hangs: 0, slowestMs: 0, examples: [] };
  const note = (input: unknown, problem: string) =>
    void (report.examples.length < 5 && report.examples.push({ input: abridge(input), problem }));
  const inputs = fc.sample(target.input, { numRuns: opts.cases, seed: opts.seed });
  for (const input of inputs) {
    report.cases++;
    const started = performance.now();
    let bound: NodeJS.Timeout | undefined;
    const hang = new Promise<"hang">((resolve) => (bound = setTimeout(() => resolve("hang"), opts.caseTimeoutMs)));
    try {
      const outcome = await Promise.race([Promise.resolve().then(() => target.run(input)), hang]);
      if (outcome === "hang") {
        report.hangs++;
        note(input, `no answer within ${opts.caseTimeoutMs} ms`);
      } else report.returned++;
    } catch (err) {
      const unclear = clearMessage(err);
      if (target.typed(err) && !unclear) report.rejected++;
      else {
        report.crashes++;
        note(
          input,
          unclear && target.typed(err)
            ? unclear
            : `${err instanceof Error ? err.name : typeof err}: ${String(err instanceof Error ? err.message : err).slice(0, 300)}`,
        );
      }
    } finally {
      clearTimeout(bound);
    }
    const ms = performance.now() - started;
    report.slowestMs = Math.max(report.slowestMs, Math.round(ms));
    if (ms > opts.caseTimeoutMs && report.hangs === 0) {
      report.hangs++;
      note(input, `took ${Math.round(ms)} ms (bound ${opts.caseTimeoutMs} ms)`);
    }
  }
  return report;
}
