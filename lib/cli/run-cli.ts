import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors";
import { allChecks } from "../rules/catalogue";
import { evaluate } from "../rules/evaluate";
import { SEVERITIES, severityRank, type Severity } from "../rules/types";
import { collectSnapshot } from "../scan/collect-snapshot";
import { scanConfigFromFile } from "../scan/config-from-file";
import { formatScan } from "./format";
import { runEvidenceCommand } from "./evidence-command";

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
}

const USAGE = `usage: vigil scan [--config vigil.config.yaml] [--format json|table] [--fail-on critical|high|medium|low]\n`;

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
  if (format !== "json" && format !== "table") {
    io.err.write(`--format must be json or table\n`);
    return 2;
  }
  const failOn = args.values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) {
    io.err.write(`--fail-on must be one of ${SEVERITIES.join(", ")}\n`);
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
  io.out.write(formatScan(format, { collected, evaluation, durationMs: Date.now() - started }));
  if (collected.status === "failed") return 3;
  if (failOn && evaluation.findings.some((f) => severityRank(f.severity) <= severityRank(failOn as Severity))) return 1;
  return 0;
}
