/**
 * `vigil baseline accept --state DIR [--by NAME]`: the headless twin of the
 * Drift page's "Accept current state as baseline". It copies the last
 * complete scan kept in DIR; a partial or failed scan is never kept there, so
 * it can never become the baseline. Without a complete scan it refuses.
 */
import { parseArgs } from "node:util";
import type { Io } from "./io";
import { BASELINE_FILE, LAST_FILE, openState, saveBaseline, StateError } from "./state-dir";

export const BASELINE_USAGE = "usage: vigil baseline accept --state <dir> [--by <name>]\n";

export function runBaselineCommand(argv: string[], io: Io, now = new Date()): number {
  let args;
  try {
    const options = { state: { type: "string" }, by: { type: "string" }, help: { type: "boolean", short: "h" } } as const;
    args = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (err) {
    io.err.write(`${err instanceof Error ? err.message : String(err)}\n${BASELINE_USAGE}`);
    return 2;
  }
  if (args.values.help) return (io.out.write(BASELINE_USAGE), 0);
  const [sub, ...rest] = args.positionals;
  if (sub !== "accept" || rest.length > 0 || !args.values.state) return (io.err.write(BASELINE_USAGE), 2);
  try {
    const state = openState(args.values.state);
    if (!state.last) {
      io.err.write(
        `${state.dir}: no complete scan to accept (${LAST_FILE} is missing); run \`vigil scan --state ${state.dir}\` first` +
          " — partial and failed scans are never kept\n",
      );
      return 2;
    }
    const replaces = state.baseline ? ` (replaces the baseline of ${state.baseline.snapshot.takenAt})` : "";
    saveBaseline(state, {
      acceptedAt: now.toISOString(),
      ...(args.values.by ? { acceptedBy: args.values.by } : {}),
      snapshot: state.last.snapshot,
    });
    io.out.write(
      `Accepted the complete scan of ${state.last.snapshot.takenAt} as the baseline: ${state.dir}/${BASELINE_FILE}${replaces}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof StateError) return (io.err.write(`${err.message}\n`), 2);
    throw err;
  }
}
