import type { Check } from "../../types";
import { DEVICE_INVENTORY } from "../matrix/controls";
import { result } from "../result";
import { userSubject } from "../matrix/scope";

/**
 * REG-UNDECLARED-USER: an active user on the server whose localpart matches
 * policy.registry.agentLocalpartPattern (it is named like an agent) but who is
 * neither a declared agent nor an allowed member. Subject: the user — unlike
 * MX-ROOM-UNLISTED-MEMBER (subject: the room), this fires whether or not the
 * user has joined any agent room, so a shadow agent is found before it acts.
 */
export const regUndeclaredUser: Check = {
  meta: {
    id: "REG-UNDECLARED-USER",
    title: "Agent-like account is not declared in the registry",
    severity: "medium",
    area: "registry",
    reads: ["matrix"],
    risk: "An account named like an agent but missing from the registry escapes every agent check (devices, identity, siblings): a forgotten test agent or a shadow one with live credentials.",
    remediation: "Declare the agent in the registry (with its devices and siblings), or deactivate the account if nobody owns it.",
    controls: DEVICE_INVENTORY,
  },
  run(ctx) {
    const pattern = new RegExp(ctx.policy.registry.agentLocalpartPattern, "i");
    const declared = new Set(ctx.registry.agents.flatMap((a) => (a.matrixUserId ? [a.matrixUserId] : [])));
    const allowed = new Set(ctx.registry.allowedMembers);
    return (ctx.snapshot.matrix?.users ?? [])
      .filter((u) => !u.deactivated && pattern.test(u.userId.slice(1, u.userId.indexOf(":") > 0 ? u.userId.indexOf(":") : undefined)))
      .map((u) => {
        const known = declared.has(u.userId) || allowed.has(u.userId);
        return result(
          userSubject(u),
          !known,
          known ? `${u.userId} is declared` : `${u.userId} looks like an agent but is neither a declared agent nor an allowed member`,
          {
            pattern: ctx.policy.registry.agentLocalpartPattern,
            declared: declared.has(u.userId),
            allowed: allowed.has(u.userId),
          },
        );
      });
  },
};
