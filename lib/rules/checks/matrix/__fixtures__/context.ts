/** Tiny snapshot builders for the Matrix check tests. */
import { DEFAULT_POLICY } from "../../../../policy/defaults";
import type { Policy } from "../../../../policy/types";
import type { AgentDecl, Registry } from "../../../../registry/types";
import type { DeviceFacts, RoomFacts, Snapshot, UserFacts } from "../../../../snapshot/types";
import type { Check, CheckContext } from "../../../types";

export const NOW = new Date("2026-01-15T12:00:00Z");

export const agent = (name: string, extra: Partial<AgentDecl> = {}): AgentDecl => ({
  name,
  matrixUserId: `@${name}:hs`,
  deviceIds: [`${name.toUpperCase()}01`],
  siblings: [],
  ...extra,
});

export const room = (roomId: string, extra: Partial<RoomFacts> = {}): RoomFacts => ({
  roomId,
  encryption: { algorithm: "m.megolm.v1.aes-sha2" },
  members: ["@alpha:hs"],
  ...extra,
});

export const user = (userId: string, extra: Partial<UserFacts> = {}): UserFacts => ({
  userId,
  crossSigning: { state: "present", masterKey: `MK-${userId}` },
  verifiedByAuditor: true,
  ...extra,
});

export const device = (userId: string, deviceId: string, extra: Partial<DeviceFacts> = {}): DeviceFacts => ({
  userId,
  deviceId,
  trust: "verified-by-owner",
  lastSeenTs: NOW.getTime() - 3600_000,
  ...extra,
});

export function ctx(parts: {
  rooms?: RoomFacts[];
  users?: UserFacts[];
  devices?: DeviceFacts[];
  agents?: AgentDecl[];
  allowed?: string[];
  policy?: Partial<Policy["matrix"]>;
  baseline?: Snapshot;
}): CheckContext {
  const registry: Registry = { agents: parts.agents ?? [agent("alpha")], allowedMembers: parts.allowed ?? ["@auditor:hs"] };
  return {
    snapshot: {
      takenAt: NOW.toISOString(),
      errors: [],
      matrix: {
        homeserver: { baseUrl: "http://127.0.0.1:8008", serverName: "hs" },
        view: "admin",
        auditor: { userId: "@auditor:hs" },
        rooms: parts.rooms ?? [],
        users: parts.users ?? [],
        devices: parts.devices ?? [],
      },
    },
    policy: { ...DEFAULT_POLICY, matrix: { ...DEFAULT_POLICY.matrix, ...parts.policy } },
    registry,
    ...(parts.baseline ? { baseline: parts.baseline } : {}),
    now: NOW,
  };
}

/** "subjectId:status" for each result, sorted: compact to assert on. */
export const verdicts = (check: Check, c: CheckContext): string[] =>
  check
    .run(c)
    .map((r) => `${r.subject.id}:${r.status}`)
    .sort();
