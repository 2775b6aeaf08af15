/** The closed sets the findings filters accept (shared by the query and the chips; no server-only code here). */
export const FINDING_STATUSES = ["open", "resolved", "accepted", "all"] as const;
export const SEVERITY_NAMES = ["critical", "high", "medium", "low", "info"] as const;
export const SUBJECT_TYPES = ["room", "user", "device", "endpoint", "certificate", "agent", "homeserver"] as const;

/** What an agent's findings are about: the agent itself, its Matrix user and devices ("user|device"), its endpoint. */
export interface AgentSubjects {
  name: string;
  matrixUserId?: string | null;
  endpoint?: string | null;
}

/** The subject patterns of one agent: exact ids, and a prefix for its devices. */
export function agentSubjectPatterns(a: AgentSubjects): { subjectType: string; subjectId?: string; prefix?: string }[] {
  const out: { subjectType: string; subjectId?: string; prefix?: string }[] = [{ subjectType: "agent", subjectId: a.name }];
  if (a.matrixUserId) out.push({ subjectType: "user", subjectId: a.matrixUserId }, { subjectType: "device", prefix: `${a.matrixUserId}|` });
  if (a.endpoint) out.push({ subjectType: "endpoint", subjectId: a.endpoint });
  return out;
}

/** Whether a finding is about this agent: the Agents page's count and the Findings page's agent filter use the same patterns. */
export function isAgentFinding(a: AgentSubjects, f: { subjectType: string; subjectId: string }): boolean {
  return agentSubjectPatterns(a).some(
    (p) =>
      p.subjectType === f.subjectType &&
      (p.subjectId !== undefined ? p.subjectId === f.subjectId : f.subjectId.startsWith(p.prefix ?? "\0")),
  );
}
