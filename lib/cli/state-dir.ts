/**
 * `--state DIR`: what the headless CLI keeps between runs, in a directory a CI
 * job caches. Two versioned JSON files, each replaced atomically (temp file +
 * rename) with mode 0600 — they hold inventory, never a secret:
 *
 *   last.json      the last *complete* scan: its snapshot (with the registry it
 *                  was judged against) and its findings. Partial and failed
 *                  scans never replace it, as they never replace the server's.
 *   baseline.json  the accepted baseline, copied from last.json by
 *                  `vigil baseline accept`.
 *
 * A file that is not valid JSON, not a Vigil state file, of another schema
 * version or of the wrong shape is an error naming it, and is left untouched.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { StoredSnapshotSchema } from "../snapshot/schema";
import { SEVERITIES } from "../rules/types";

export const STATE_SCHEMA_VERSION = 1;
export const LAST_FILE = "last.json";
export const BASELINE_FILE = "baseline.json";

const Iso = z.iso.datetime({ offset: true });

/** A finding as the next run needs it: to say which are new, which resolved, which undecided. */
const FindingRefSchema = z.object({ key: z.string(), check: z.string(), severity: z.enum(SEVERITIES) });
export type FindingRef = z.infer<typeof FindingRefSchema>;

const LastScanSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  kind: z.literal("vigil/last-complete-scan"),
  savedAt: Iso,
  snapshot: StoredSnapshotSchema,
  findings: z.array(FindingRefSchema),
});
export type LastScan = z.infer<typeof LastScanSchema>;

const BaselineSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  kind: z.literal("vigil/accepted-baseline"),
  acceptedAt: Iso,
  acceptedBy: z.string().optional(),
  snapshot: StoredSnapshotSchema,
});
export type AcceptedBaseline = z.infer<typeof BaselineSchema>;

export interface State {
  dir: string;
  last?: LastScan;
  baseline?: AcceptedBaseline;
}

/** A state directory or file Vigil will not read or write; the message names it. */
export class StateError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "StateError";
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function readStateFile<S extends z.ZodType>(file: string, kind: string, schema: S): z.infer<S> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateError(file, `cannot be read (${errorText(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StateError(file, "is not valid JSON (corrupt or not written by Vigil); move it away or delete it");
  }
  const head = z.object({ schemaVersion: z.number(), kind: z.string() }).safeParse(json);
  if (!head.success) throw new StateError(file, "is not a Vigil state file (no schemaVersion and kind)");
  if (head.data.kind !== kind) throw new StateError(file, `holds "${head.data.kind.slice(0, 60)}", expected "${kind}"`);
  if (head.data.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new StateError(file, `has schemaVersion ${head.data.schemaVersion}; this Vigil reads version ${STATE_SCHEMA_VERSION}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new StateError(file, `does not have the expected shape (${issues.join("; ")})`);
  }
  return parsed.data;
}

/** Opens (creating it, 0700, when missing) the state directory and reads both files. */
export function openState(dir: string): State {
  const resolved = path.resolve(dir);
  try {
    fs.mkdirSync(resolved, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new StateError(resolved, `cannot be created (${errorText(err)})`);
  }
  if (!fs.statSync(resolved).isDirectory()) throw new StateError(resolved, "is not a directory");
  return {
    dir: resolved,
    last: readStateFile(path.join(resolved, LAST_FILE), "vigil/last-complete-scan", LastScanSchema),
    baseline: readStateFile(path.join(resolved, BASELINE_FILE), "vigil/accepted-baseline", BaselineSchema),
  };
}

/** Writes whole or not at all: a crash mid-write leaves the previous file, never half a file. */
function writeAtomically(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = fs.openSync(tmp, "wx", 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(value) + "\n");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new StateError(file, `cannot be written (${errorText(err)})`);
  }
}

export function saveLastScan(state: State, last: Omit<LastScan, "schemaVersion" | "kind">): void {
  writeAtomically(path.join(state.dir, LAST_FILE), { schemaVersion: STATE_SCHEMA_VERSION, kind: "vigil/last-complete-scan", ...last });
}

export function saveBaseline(state: State, baseline: Omit<AcceptedBaseline, "schemaVersion" | "kind">): void {
  writeAtomically(path.join(state.dir, BASELINE_FILE), {
    schemaVersion: STATE_SCHEMA_VERSION,
    kind: "vigil/accepted-baseline",
    ...baseline,
  });
}
