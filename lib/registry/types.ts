/** Declared agents: what "should be", against which observed state is judged. */
export interface AgentDecl {
  name: string;
  owner?: string;
  matrixUserId?: string;
  /** Device ids the agent is allowed to run; others are MX-DEVICE-UNEXPECTED. */
  deviceIds: string[];
  /** Agents this one filters as siblings (MATRIX_SIBLING_AGENTS), by Matrix user id. */
  siblings: string[];
  /** host:port of its mesh endpoint. */
  endpoint?: string;
  /** Expected SPIFFE id (URI SAN) of its certificate. */
  spiffeId?: string;
}

export interface Registry {
  agents: AgentDecl[];
  /** Matrix user ids allowed in agent rooms besides agents (e.g. the auditor, operators). */
  allowedMembers: string[];
}

export const EMPTY_REGISTRY: Registry = { agents: [], allowedMembers: [] };
