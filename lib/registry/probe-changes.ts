import type { Registry } from "./types";

/** Which agents a new registry version opts into conformance probes, out of them, or changes (issue #18's audit trail). */
export interface ProbeChanges {
  enabled: string[];
  disabled: string[];
  /** Declared before and after, but differently (another canary, window, credential, key, schedule). */
  changed: string[];
}

const declared = (r: Registry | undefined) =>
  new Map(
    (r?.agents ?? []).flatMap((a) =>
      a.probes && (a.probes.messages || a.probes.agentCard) ? [[a.name, JSON.stringify(a.probes)] as const] : [],
    ),
  );

/** Pure: the difference in declared probes between two registries; empty lists when nothing about probes changed. */
export function probeChanges(before: Registry | undefined, after: Registry): ProbeChanges {
  const was = declared(before);
  const now = declared(after);
  return {
    enabled: [...now.keys()].filter((n) => !was.has(n)).sort(),
    disabled: [...was.keys()].filter((n) => !now.has(n)).sort(),
    changed: [...now.keys()].filter((n) => was.has(n) && was.get(n) !== now.get(n)).sort(),
  };
}
