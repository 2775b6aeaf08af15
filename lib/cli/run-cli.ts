import { runBaselineCommand } from "./baseline-command";
import { runEvidenceCommand } from "./evidence-command";
import type { Io } from "./io";
import { runScanCommand } from "./scan-command";
import { USAGE } from "./usage";

/** `vigil <command> …`: returns the exit code (see usage.ts). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "scan":
      return runScanCommand(rest, io);
    case "baseline":
      return runBaselineCommand(rest, io);
    case "evidence":
      return runEvidenceCommand(rest, io);
    case "help":
    case "--help":
    case "-h":
      io.out.write(USAGE);
      return 0;
    default:
      io.err.write(`${command === undefined ? "no command given" : `unknown command ${command}`}\n${USAGE}`);
      return 2;
  }
}
