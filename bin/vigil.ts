/**
 * vigil — the headless side of Vigil.
 *
 *   vigil scan [--config vigil.config.yaml] [--format json|table] [--fail-on <severity>]
 *
 * Scans without the web server or its database, from the same config file.
 * Exit codes: 0 ok; 1 a finding at or above --fail-on; 2 bad usage or config; 3 the scan failed.
 */
import { runCli } from "../lib/cli/run-cli";

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, env: process.env });
