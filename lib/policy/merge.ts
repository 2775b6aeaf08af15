import { DEFAULT_POLICY } from "./defaults";
import type { PolicyFile } from "./schema";
import type { Policy } from "./types";

/**
 * Lays a parsed policy file over the defaults, key by key. Nested objects merge;
 * arrays and the severities map replace, so "allowedAlgorithms: [x]" means only x.
 */
export function mergePolicy(file: PolicyFile, base: Policy = DEFAULT_POLICY): Policy {
  const m = file.matrix ?? {};
  return {
    matrix: { ...base.matrix, ...m, feedbackLoop: { ...base.matrix.feedbackLoop, ...m.feedbackLoop } },
    mesh: { ...base.mesh, ...file.mesh },
    registry: { ...base.registry, ...file.registry },
    severities: file.severities ?? base.severities,
  };
}
