/** What the registry checks share: each deployed profile paired with the agent it claims to be. */
import type { AgentDecl, AgentProfile } from "../../../registry/types";
import type { CheckContext, Subject } from "../../types";

export interface ProfiledAgent {
  profile: AgentProfile;
  /** The declared agent with the profile's MATRIX_USER_ID; undefined when none is declared. */
  agent?: AgentDecl;
}

/** Profiles that name a Matrix user, with their declared agent (by Matrix user id). */
export function profiledAgents(ctx: CheckContext): ProfiledAgent[] {
  const byUser = new Map(ctx.registry.agents.flatMap((a) => (a.matrixUserId ? [[a.matrixUserId, a] as const] : [])));
  return (ctx.registry.profiles ?? []).flatMap((profile) => (profile.userId ? [{ profile, agent: byUser.get(profile.userId) }] : []));
}

/** Subject of a profile result: the declared agent's name, else the profile's file name. */
export const profileSubject = ({ profile, agent }: ProfiledAgent): Subject => ({
  type: "agent",
  id: agent?.name ?? profile.name,
  ...(profile.userId ? { label: profile.userId } : {}),
});
