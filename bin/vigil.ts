/**
 * vigil — the headless side of Vigil.
 *
 *   vigil scan [--config vigil.config.yaml] [--format json|table|sarif] [--fail-on <severity>] [--accept <file>]
 *   vigil evidence verify <bundle.zip> [--public-key <pem> | --fingerprint <hex>]
 *
 * Scans without the web server or its database, from the same config file.
 * --accept names a file of reviewed finding keys (check|type|id, one a line) that --fail-on ignores.
 * Exit codes: 0 ok; 1 a finding at or above --fail-on (or a bundle that fails to verify);
 * 2 bad usage or config; 3 the scan failed.
 */
import { runCli } from "../lib/cli/run-cli";

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, env: process.env });
