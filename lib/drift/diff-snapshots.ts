import type { Registry } from "../registry/types";
import { severityRank } from "../rules/types";
import type { Snapshot } from "../snapshot/types";
import { diffMatrix } from "./matrix-diff";
import { diffMesh } from "./mesh-diff";
import type { Change } from "./types";

/**
 * What changed from `before` to `after`: rooms, members of agent rooms,
 * devices and their trust, identities, endpoints, certificates and TLS.
 * Pure. Parts missing on either side (a source not scanned) are not diffed —
 * "not seen" is not "removed". Agent rooms are judged with `after`'s registry.
 * Sorted worst first, then by kind and subject, so the output is stable.
 */
export function diffSnapshots(
  before: Snapshot,
  after: Snapshot,
  registry: Registry | undefined = after.registry ?? before.registry,
): Change[] {
  const changes = [
    ...(before.matrix && after.matrix ? diffMatrix(before.matrix, after.matrix, registry) : []),
    ...(before.mesh && after.mesh ? diffMesh(before.mesh, after.mesh) : []),
  ];
  return changes.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.kind.localeCompare(b.kind) ||
      a.subject.id.localeCompare(b.subject.id) ||
      (a.after ?? "").localeCompare(b.after ?? ""),
  );
}
