/**
 * Which parts of the world a snapshot holds, and which a check needs: a check whose part was not collected did not
 * run (no coverage, nothing resolved), rather than running over an empty list and calling every old finding gone.
 */
import type { Snapshot } from "../snapshot/types";
import type { CheckMeta, SnapshotPart } from "./types";

const AREA_READS: Record<CheckMeta["area"], readonly SnapshotPart[]> = {
  matrix: ["matrix"],
  mesh: ["mesh"],
  homeserver: ["homeserver"],
  registry: [],
};

export const partsRead = (meta: CheckMeta): readonly SnapshotPart[] => meta.reads ?? AREA_READS[meta.area];

export function partsHeld(snapshot: Snapshot): Set<SnapshotPart> {
  const held = new Set<SnapshotPart>();
  if (snapshot.matrix) held.add("matrix");
  if (snapshot.mesh) held.add("mesh");
  if (snapshot.homeserver) held.add("homeserver");
  if (snapshot.homeserver?.timeline) held.add("homeserverTimeline");
  return held;
}

/** The parts a check needs that this snapshot lacks; empty when it can run. */
export const partsMissing = (meta: CheckMeta, held: ReadonlySet<SnapshotPart>): SnapshotPart[] =>
  partsRead(meta).filter((p) => !held.has(p));
