import type { Check } from "../../types";
import { MONITORING } from "./controls";
import { result, unknown } from "../result";
import { agentsByUserId, roomSubject, roomsInScope } from "./scope";

/**
 * The most alternations between one pair of agents inside any window of `windowMs`.
 * An alternation is an agent message directly following a message by a different agent;
 * messages by non-agents break nothing but do not count.
 */
export function maxAlternations(
  activity: readonly { sender: string; ts: number }[],
  agents: ReadonlySet<string>,
  windowMs: number,
): { count: number; pair: [string, string] | null } {
  const msgs = activity.filter((e) => agents.has(e.sender)).sort((a, b) => a.ts - b.ts);
  const byPair = new Map<string, number[]>();
  for (let i = 1; i < msgs.length; i++) {
    const prev = msgs[i - 1];
    const cur = msgs[i];
    if (!prev || !cur || prev.sender === cur.sender) continue;
    const key = [prev.sender, cur.sender].sort().join("\n");
    byPair.set(key, [...(byPair.get(key) ?? []), cur.ts]);
  }
  let best = { count: 0, pair: null as [string, string] | null };
  for (const [key, times] of byPair) {
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] ?? 0) - (times[start] ?? 0) > windowMs) start++;
      if (end - start + 1 > best.count) best = { count: end - start + 1, pair: key.split("\n") as [string, string] };
    }
  }
  return best;
}

/** MX-ROOM-FEEDBACK-LOOP: two agents answering each other at a sustained rate (metadata only). */
export const mxRoomFeedbackLoop: Check = {
  meta: {
    id: "MX-ROOM-FEEDBACK-LOOP",
    title: "Two agents appear to be answering each other in a loop",
    severity: "medium",
    area: "matrix",
    risk: "Bots that answer each other forever burn compute and API budget, flood the room, and can amplify an injected instruction — usually because the sibling filter is missing.",
    remediation:
      "Add each agent to the other's MATRIX_SIBLING_AGENTS (see MX-SIBLINGS-ASYMMETRIC), restart them, and rate-limit replies to other bots.",
    controls: MONITORING,
  },
  run(ctx) {
    const agents = new Set(agentsByUserId(ctx).keys());
    const { minAlternations, windowSeconds } = ctx.policy.matrix.feedbackLoop;
    return roomsInScope(ctx).flatMap((r) => {
      const present = r.members.filter((m) => agents.has(m));
      if (present.length < 2)
        return [result(roomSubject(r), false, "Fewer than two agents in the room: no loop possible", { agentMembers: present })];
      // Two agents but no activity collected: not examined, so no verdict (the scan's errors say why).
      if (!r.recentActivity) return [unknown(roomSubject(r), "Recent activity of this room was not collected", { agentMembers: present })];
      const { count, pair } = maxAlternations(r.recentActivity, agents, windowSeconds * 1000);
      const loop = count >= minAlternations;
      const detail = loop
        ? `${pair?.join(" and ")} alternated ${count} times within ${windowSeconds}s`
        : `At most ${count} alternation(s) between two agents within ${windowSeconds}s`;
      return [
        result(roomSubject(r), loop, detail, {
          alternations: count,
          pair,
          minAlternations,
          windowSeconds,
          eventsExamined: r.recentActivity.length,
        }),
      ];
    });
  },
};
