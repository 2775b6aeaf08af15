/**
 * Stored snapshots carry the version of their shape, so a change to the shape never reads old
 * rows as something they are not. Snapshots stored before versioning have no `schemaVersion`:
 * they are version 1, the shape types.ts described when versioning began.
 *
 * When the shape changes incompatibly: bump SNAPSHOT_SCHEMA_VERSION (and `schemaVersion` in
 * types.ts), add SNAPSHOT_MIGRATIONS[old] turning an old snapshot into the next version, and keep
 * a stored snapshot of the old shape under __fixtures__ with a test that reads it. Fields that
 * are only added and optional need no new version: the schema's loose objects carry them.
 */
import { z } from "zod";
import type { Registry } from "../registry/types";
import type { Snapshot } from "./types";

export const SNAPSHOT_SCHEMA_VERSION = 1;

type JsonObject = Record<string, unknown>;
/** Turns a snapshot of version n into version n + 1. */
export type SnapshotMigration = (older: JsonObject) => JsonObject;

/** Keyed by the version each step upgrades from. Empty: version 1 is the only shape so far. */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {};

export type Migrated = { ok: true; from: number; snapshot: JsonObject } | { ok: false; reason: string };

const Versioned = z.looseObject({ schemaVersion: z.number().int().positive().optional() });

/**
 * Brings a stored snapshot up to `current`, one step at a time; the result is stamped with
 * `current`. Says why when it cannot: not an object, a version from a newer Vigil, or a gap in
 * the steps. Checks nothing else: the schema does that on the result.
 */
export function migrateSnapshot(stored: unknown, steps = SNAPSHOT_MIGRATIONS, current = SNAPSHOT_SCHEMA_VERSION): Migrated {
  const head = Versioned.safeParse(stored);
  if (!head.success) {
    const wrongVersion = head.error.issues.some((i) => i.path[0] === "schemaVersion");
    return { ok: false, reason: wrongVersion ? "schemaVersion is not a positive whole number" : "not a JSON object" };
  }
  const from = head.data.schemaVersion ?? 1;
  if (from > current) return { ok: false, reason: `schemaVersion ${from} was written by a newer Vigil; this one reads up to ${current}` };
  let snapshot: JsonObject = head.data;
  for (let version = from; version < current; version++) {
    const step = steps[version];
    if (!step) return { ok: false, reason: `no migration from schemaVersion ${version} to ${version + 1}` };
    snapshot = step(snapshot);
  }
  return { ok: true, from, snapshot: { ...snapshot, schemaVersion: current } };
}

/** The snapshot as stored (database row, CLI state file): with the registry it was judged against, and its shape version. */
export function toStoredSnapshot(snapshot: Snapshot, registry: Registry): Snapshot {
  return { ...snapshot, registry, schemaVersion: SNAPSHOT_SCHEMA_VERSION };
}
