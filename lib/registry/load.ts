import path from "node:path";
import { z } from "zod";
import { loadYamlFile, parseYamlFile } from "../yaml/load-file";
import { ProbesDecl } from "./probes";
import type { AgentDecl, Registry } from "./types";

const AgentSchema = z
  .object({
    name: z.string().min(1),
    owner: z.string().optional(),
    matrixUserId: z
      .string()
      .regex(/^@[^:]+:.+$/, "must be a Matrix user id like @agent:example.org")
      .optional(),
    deviceIds: z.array(z.string().min(1)).default([]),
    siblings: z.array(z.string()).default([]),
    endpoint: z.string().optional(),
    spiffeId: z.string().startsWith("spiffe://").optional(),
    /** The bot's mautrix config.yaml; absolute, because a registry edited in Settings has no directory of its own. */
    botConfig: z
      .string()
      .refine((p) => path.isAbsolute(p), "must be an absolute path to the bot's config.yaml")
      .optional(),
    /** Opt-in conformance probes (issue #18); absent: nothing is probed beyond TLS. */
    probes: ProbesDecl.optional(),
  })
  .strict();

export const RegistryFile = z
  .object({ agents: z.array(AgentSchema).default([]), allowedMembers: z.array(z.string()).default([]) })
  .strict();

/** Parses registry YAML (one file's worth: agents + allowedMembers); errors name line and key. */
export function parseRegistryYaml(source: string, yaml: string): Registry {
  const r = parseYamlFile(source, yaml, RegistryFile);
  return { agents: r.agents, allowedMembers: r.allowedMembers };
}

/**
 * Loads one or more registry files and merges agents by name: the Matrix
 * fleet and the mesh may be declared in separate files, as teams often keep them.
 */
export function loadRegistry(files: readonly string[]): Registry {
  const byName = new Map<string, AgentDecl>();
  const allowed = new Set<string>();
  for (const file of files) {
    const reg = loadYamlFile(file, RegistryFile);
    if (!reg) throw new Error(`Agent registry ${file} does not exist.`);
    for (const m of reg.allowedMembers) allowed.add(m);
    for (const agent of reg.agents) byName.set(agent.name, mergeAgent(byName.get(agent.name), agent));
  }
  return { agents: [...byName.values()], allowedMembers: [...allowed] };
}

function mergeAgent(a: AgentDecl | undefined, b: AgentDecl): AgentDecl {
  if (!a) return b;
  return {
    ...a,
    ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)),
    deviceIds: [...new Set([...a.deviceIds, ...b.deviceIds])],
    siblings: [...new Set([...a.siblings, ...b.siblings])],
  };
}
