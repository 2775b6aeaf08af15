import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors";
import { allChecks } from "../rules/catalogue";
import { evaluate } from "../rules/evaluate";
import { SEVERITIES, type Severity } from "../rules/types";
import { collectSnapshot } from "../scan/collect-snapshot";
import { scanConfigFromFile } from "../scan/config-from-file";
import { gateFails, readAcceptFile } from "./accept-file";
import { formatScan } from "./format";
import { runEvidenceCommand } from "./evidence-command";

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
}

const USAGE = `usage: vigil scan [--config vigil.config.yaml] [--format json|table|sarif] [--fail-on critical|high|medium|low] [--accept accepted-findings.txt]\n`;

export async function runCli(argv: string[], io: Io): Promise<number> {
  if (argv[0] === "evidence") return runEvidenceCommand(argv.slice(1), io);
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string", default: io.env.VIGIL_CONFIG ?? "vigil.config.yaml" },
        format: { type: "string", default: "table" },
        "fail-on": { type: "string" },
        accept: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    io.err.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command] = args.positionals;
  if (args.values.help || command !== "scan") {
    io.err.write(USAGE);
    return args.values.help ? 0 : 2;
  }
  const format = args.values.format;
  if (format !== "json" && format !== "table" && format !== "sarif") {
    io.err.write(`--format must be json, table or sarif\n`);
    return 2;
  }
  const failOn = args.values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) {
    io.err.write(`--fail-on must be one of ${SEVERITIES.join(", ")}\n`);
    return 2;
  }

  // The CLI has no database, so accepted findings come from a file (see accept-file.ts).
  const accepted = args.values.accept === undefined ? { ok: true as const, keys: new Set<string>() } : readAcceptFile(args.values.accept);
  if (!accepted.ok) {
    io.err.write(`${accepted.error}\n`);
    return 2;
  }

  let config;
  try {
    config = scanConfigFromFile(args.values.config, io.env);
  } catch (err) {
    io.err.write(`${err instanceof ConfigError ? err.message : `config: ${(err as Error).message}`}\n`);
    return 2;
  }

  const started = Date.now();
  const collected = await collectSnapshot(config, (stage) => io.err.write(`[vigil] ${stage}…\n`));
  const evaluation = evaluate(allChecks, {
    snapshot: collected.snapshot,
    policy: config.policy,
    registry: config.registry,
    now: new Date(collected.snapshot.takenAt),
  });
  io.out.write(formatScan(format, { collected, evaluation, durationMs: Date.now() - started }, accepted.keys));
  if (collected.status === "failed") return 3;
  if (failOn && gateFails(evaluation.findings, failOn as Severity, accepted.keys)) return 1;
  return 0;
}
