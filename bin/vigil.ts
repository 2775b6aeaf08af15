/**
 * vigil — the headless side of Vigil: scans without the web server or its
 * database, from the same config file. `vigil --help` (lib/cli/usage.ts) lists
 * every command, flag and exit code.
 */
import { runCli } from "../lib/cli/run-cli";

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, env: process.env });
