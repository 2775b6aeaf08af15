import type { ProbesDecl } from "./probes";

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
  /**
   * Absolute path of the agent's mautrix config.yaml: read at each scan for its `encryption:` section only (credentials
   * never leave the file), and compared with what its device really has on the homeserver (HS-BOT-* checks).
   */
  botConfig?: string;
  /** Conformance probes the team opted into (lib/registry/probes.ts); absent: none are sent. */
  probes?: ProbesDecl;
}

/** What an agent is actually configured with: its env/profile file, as deployed. */
export interface AgentProfile {
  /** The file it was read from (evidence). */
  source: string;
  /** The file's name without extension, e.g. "alpha" for agents/alpha.env. */
  name: string;
  userId?: string;
  deviceId?: string;
  /** MATRIX_SIBLING_AGENTS, split on commas/whitespace. */
  siblings: string[];
  /** MATRIX_E2EE_MODE as written (e.g. "required", "optional", "off"); absent when unset. */
  e2eeMode?: string;
  homeserverUrl?: string;
}

export interface Registry {
  agents: AgentDecl[];
  /** Matrix user ids allowed in agent rooms besides agents (e.g. the auditor, operators). */
  allowedMembers: string[];
  /** Agents' deployed profiles, when configured (`agentProfiles:`); the REG-* checks compare them with the declarations. */
  profiles?: AgentProfile[];
}

export const EMPTY_REGISTRY: Registry = { agents: [], allowedMembers: [] };
