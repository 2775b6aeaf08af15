/**
 * Fuzzes every parser of outside data (#14) with >= 10,000 cases each and prints one JSON object: per target, cases,
 * accepted, rejected (typed error, clear message), crashes, hangs and the slowest case. `--cases N` (default 10000),
 * `--seed S` (default: random, printed), `--only <substring>`. Exit 1 on any crash or hang.
 * The targets and the harness are the ones the suite's seeded run uses (test/support/fuzz-targets.ts, fuzz-harness.ts).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { fuzz, type FuzzReport } from "../../test/support/fuzz-harness";
import { fuzzWorkDir, makeFuzzTargets } from "../../test/support/fuzz-targets";

const { values } = parseArgs({ options: { cases: { type: "string" }, seed: { type: "string" }, only: { type: "string" } } });
const cases = Number(values.cases ?? 10_000);
const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
const CASE_TIMEOUT_MS = 5_000;

const workDir = fuzzWorkDir();
const started = Date.now();
const reports: FuzzReport[] = [];
try {
  const targets = (await makeFuzzTargets(workDir)).filter((t) => !values.only || t.name.includes(values.only));
  for (const target of targets) {
    const t0 = Date.now();
    const report = await fuzz(target, { cases, seed, caseTimeoutMs: CASE_TIMEOUT_MS });
    reports.push(report);
    process.stderr.write(
      `${target.name}: ${report.cases} cases, ${report.crashes} crashes, ${report.hangs} hangs (${Date.now() - t0} ms)\n`,
    );
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
const crashes = reports.reduce((s, r) => s + r.crashes, 0);
const hangs = reports.reduce((s, r) => s + r.hangs, 0);
const summary = {
  seed,
  casesPerTarget: cases,
  caseTimeoutMs: CASE_TIMEOUT_MS,
  wallMs: Date.now() - started,
  targets: reports.map(({ examples, ...r }) => (examples.length ? { ...r, examples } : r)),
  crashes,
  hangs,
  pass: crashes === 0 && hangs === 0 && reports.every((r) => r.cases >= cases),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(summary.pass ? 0 : 1);
