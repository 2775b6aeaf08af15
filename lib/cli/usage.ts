/** `vigil --help`: every command and flag, and what the exit codes mean. */
export const USAGE = `usage: vigil <command> [flags]

commands:
  vigil scan [flags]                        collect → rules from the config file; no server, no database
    --config <file>                         config file (default: $VIGIL_CONFIG or vigil.config.yaml)
    --format json|table|sarif               output format (default: table)
    --fail-on critical|high|medium|low|info exit 1 when a finding at or above this severity is open
    --accept <file>                         reviewed finding keys (CHECK|type|id, one a line) that --fail-on ignores
    --state <dir>                           keep the last complete scan and the accepted baseline in <dir> (a CI cache):
                                            baseline checks (MX-IDENTITY-CHANGED) and drift work as on the server
    --require-complete                      exit 3 when the scan is partial (member view, or a source not fully read)
  vigil baseline accept --state <dir> [--by <name>]
                                            accept the last complete scan in <dir> as the baseline
  vigil evidence verify <bundle.zip> [--public-key <pem> | --fingerprint <sha256 hex>]
                                            check an evidence bundle offline
  vigil --help                              this text

exit codes:
  0  ok
  1  a finding at or above --fail-on (evidence verify: the bundle does not verify)
  2  bad usage, config or state directory (the message names the file)
  3  the scan failed (read nothing), or was partial under --require-complete
`;
