/**
 * What the Matrix checks look at: rooms in scope per policy, and the users and
 * devices of registered agents. Shared so every check draws the same line.
 */
import type { AgentDecl } from "../../../registry/types";
import type { DeviceFacts, RoomFacts, UserFacts } from "../../../snapshot/types";
import type { CheckContext, Subject } from "../../types";

/** Registered agents by Matrix user id. */
export function agentsByUserId(ctx: CheckContext): Map<string, AgentDecl> {
  return new Map(ctx.registry.agents.flatMap((a) => (a.matrixUserId ? [[a.matrixUserId, a] as const] : [])));
}

/** Rooms the room checks judge: all, or those with at least one registered agent joined (policy.matrix.roomScope). */
export function roomsInScope(ctx: CheckContext): RoomFacts[] {
  const rooms = ctx.snapshot.matrix?.rooms ?? [];
  if (ctx.policy.matrix.roomScope === "all") return rooms;
  const agents = agentsByUserId(ctx);
  return rooms.filter((r) => r.members.some((m) => agents.has(m)));
}

/** Users of registered agents that the snapshot knows about (the rest were not observed: nothing to judge). */
export function agentUsers(ctx: CheckContext): { user: UserFacts; agent: AgentDecl }[] {
  const agents = agentsByUserId(ctx);
  return (ctx.snapshot.matrix?.users ?? []).flatMap((user) => {
    const agent = agents.get(user.userId);
    return agent ? [{ user, agent }] : [];
  });
}

/** Devices of registered agents. */
export function agentDevices(ctx: CheckContext): { device: DeviceFacts; agent: AgentDecl }[] {
  const agents = agentsByUserId(ctx);
  return (ctx.snapshot.matrix?.devices ?? []).flatMap((device) => {
    const agent = agents.get(device.userId);
    return agent ? [{ device, agent }] : [];
  });
}

export const roomSubject = (r: RoomFacts): Subject => ({
  type: "room",
  id: r.roomId,
  ...((r.name ?? r.canonicalAlias) ? { label: r.name ?? r.canonicalAlias } : {}),
});
export const userSubject = (u: UserFacts): Subject => ({ type: "user", id: u.userId, ...(u.displayName ? { label: u.displayName } : {}) });
export const deviceSubject = (d: DeviceFacts): Subject => ({
  type: "device",
  id: `${d.userId}|${d.deviceId}`,
  ...(d.displayName ? { label: d.displayName } : {}),
});
export const agentSubject = (a: AgentDecl): Subject => ({ type: "agent", id: a.name });
