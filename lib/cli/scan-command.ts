/**
 * `vigil scan`: collect → rules from the config file, with no server and no
 * database, for CI. With --state DIR it also keeps the last complete scan and
 * the accepted baseline in DIR, and compares with them exactly as the server
 * compares with its database (see scan-state.ts).
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../yaml/errors";
import { allChecks } from "../rules/catalogue";
import { evaluate, type Evaluation } from "../rules/evaluate";
import { SEVERITIES, type Severity } from "../rules/types";
import { collectSnapshot } from "../scan/collect-snapshot";
import { scanConfigFromFile } from "../scan/config-from-file";
import { gateFails, readAcceptFile } from "./accept-file";
import { formatScan } from "./format";
import type { ScanReport } from "./scan-report";
import { guardedIo, type Io } from "./io";
import { findingRefs, rulesBaselineOf, stateReport } from "./scan-state";
import { openState, saveLastScan, StateError, type State } from "./state-dir";
import { USAGE } from "./usage";
import { toStoredSnapshot } from "../snapshot/version";

const FORMATS = ["json", "table", "sarif"] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);
const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);

/** A failed scan read nothing trustworthy: no rule runs on it, so it can report no finding (not even a registry-only one). */
const NOTHING_EVALUATED: Evaluation = { findings: [], results: [], coverage: [], errors: [], notCollected: [] };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function runScanCommand(argv: string[], rawIo: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "config": { type: "string", default: rawIo.env.VIGIL_CONFIG ?? "vigil.config.yaml" },
        "format": { type: "string", default: "table" },
        "fail-on": { type: "string" },
        "accept": { type: "string" },
        "state": { type: "string" },
        "require-complete": { type: "boolean", default: false },
        "help": { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    rawIo.err.write(`${messageOf(err)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) return (rawIo.out.write(USAGE), 0);
  if (args.positionals.length > 0) return (rawIo.err.write(`unexpected argument ${args.positionals[0]}\n${USAGE}`), 2);
  const format = args.values.format;
  if (!isFormat(format)) return (rawIo.err.write(`--format must be json, table or sarif\n`), 2);
  const failOn = args.values["fail-on"];
  if (failOn !== undefined && !isSeverity(failOn)) return (rawIo.err.write(`--fail-on must be one of ${SEVERITIES.join(", ")}\n`), 2);

  // The CLI has no database, so accepted findings come from a file (see accept-file.ts).
  const accepted = args.values.accept === undefined ? { ok: true as const, keys: new Set<string>() } : readAcceptFile(args.values.accept);
  if (!accepted.ok) return (rawIo.err.write(`${accepted.error}\n`), 2);

  let config;
  try {
    config = scanConfigFromFile(args.values.config, rawIo.env);
  } catch (err) {
    rawIo.err.write(`${err instanceof ConfigError ? err.message : `config: ${messageOf(err)}`}\n`);
    return 2;
  }
  const io = guardedIo(rawIo, [config.homeserver?.accessToken, config.mesh?.clientKeyPem]);

  // Read before scanning: a corrupt or foreign state file stops the run before anything could overwrite it.
  let state: State | undefined;
  try {
    state = args.values.state === undefined ? undefined : openState(args.values.state);
  } catch (err) {
    if (err instanceof StateError) return (io.err.write(`${err.message}\n`), 2);
    throw err;
  }

  const started = Date.now();
  const collected = await collectSnapshot(config, (stage) => io.err.write(`[vigil] ${stage}…\n`));
  const baseline = state ? rulesBaselineOf(state)?.snapshot : undefined;
  const { snapshot } = collected;
  const evaluation =
    collected.status === "failed"
      ? NOTHING_EVALUATED
      : evaluate(allChecks, { snapshot, policy: config.policy, registry: config.registry, baseline, now: new Date(snapshot.takenAt) });
  // Stored as the server stores it: with the registry it was judged against.
  const stored = toStoredSnapshot(snapshot, config.registry);
  const report: ScanReport = { collected, evaluation, durationMs: Date.now() - started };
  let stateFailed = false;
  if (state) {
    report.state = stateReport(state, collected, evaluation, stored);
    if (report.state.saved.replaced) {
      try {
        saveLastScan(state, { savedAt: new Date().toISOString(), snapshot: stored, findings: findingRefs(evaluation) });
      } catch (err) {
        if (!(err instanceof StateError)) throw err;
        report.state.saved = { ...report.state.saved, replaced: false, why: err.message };
        stateFailed = true;
      }
    }
  }
  io.out.write(formatScan(format, report, accepted.keys));

  if (collected.status === "failed") return (io.err.write(`[vigil] the scan failed: nothing could be read, no findings reported\n`), 3);
  if (collected.status === "partial") {
    io.err.write(`[vigil] the scan is partial: ${snapshot.errors.length} gap(s) listed under coverage.notSeen\n`);
    if (args.values["require-complete"]) return (io.err.write(`[vigil] --require-complete: a partial scan fails the run\n`), 3);
  }
  if (stateFailed) return (io.err.write(`[vigil] ${report.state?.saved.why}\n`), 2);
  if (failOn && gateFails(evaluation.findings, failOn, accepted.keys)) return 1;
  return 0;
}
