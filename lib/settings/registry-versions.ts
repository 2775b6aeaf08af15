import "server-only";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { getDb } from "../db";
import { loadRegistry, parseRegistryYaml } from "../registry/load";
import { loadAgentProfiles } from "../registry/profiles";
import { EMPTY_REGISTRY, type AgentProfile, type Registry } from "../registry/types";
import { recordAudit } from "../audit/log";
import { probeChanges } from "../registry/probe-changes";
import { reconcile, sha256, type FileSyncStatus } from "./file-sync";

export const REGISTRY_PATHS_KEY = "registry.paths";
export const PROFILE_PATHS_KEY = "registry.profilePaths";

export type SaveOutcome = { ok: true; id: string; changed: boolean } | { ok: false; error: string };

/** Records a new active registry version after validating it; invalid YAML changes nothing. */
export async function saveRegistryVersion(
  yaml: string,
  source: "file" | "ui",
  createdBy: string,
  sourceName = "registry.yaml",
): Promise<SaveOutcome> {
  try {
    parseRegistryYaml(sourceName, yaml);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  let previousYaml: string | undefined;
  const saved = await getDb().$transaction(async (tx) => {
    const active = await tx.registryVersion.findFirst({ where: { active: true } });
    const sha = sha256(yaml);
    if (active?.sha256 === sha && active.source === source) return { ok: true as const, id: active.id, changed: false };
    previousYaml = active?.yaml;
    await tx.registryVersion.updateMany({ where: { active: true }, data: { active: false } });
    const row = await tx.registryVersion.create({ data: { yaml, sha256: sha, source, createdBy, active: true } });
    return { ok: true as const, id: row.id, changed: true };
  });
  if (saved.changed) await auditProbeChanges(previousYaml, yaml, createdBy, saved.id);
  return saved;
}

/**
 * Conformance probes send signed requests to agents (issue #18): whoever opts an agent in or out — a person in
 * Settings, or a registry file — is named in the audit log, with the agents and the version that did it.
 */
async function auditProbeChanges(previousYaml: string | undefined, yaml: string, createdBy: string, versionId: string) {
  let before: Registry | undefined;
  try {
    before = previousYaml === undefined ? undefined : parseRegistryYaml("previous registry", previousYaml);
  } catch {
    before = undefined; // an unreadable old version: every declared probe counts as newly enabled
  }
  const changes = probeChanges(before, parseRegistryYaml("registry", yaml));
  if (!changes.enabled.length && !changes.disabled.length && !changes.changed.length) return;
  await recordAudit({
    actor: { id: null, email: createdBy },
    action: "registry.probes",
    target: `registry version ${versionId}`,
    outcome: "ok",
    detail: { ...changes },
  });
}

const stringList = z.array(z.string().min(1));
async function listSetting(key: string): Promise<string[]> {
  const row = await getDb().setting.findUnique({ where: { key } });
  const parsed = stringList.safeParse(row?.value);
  return parsed.success ? parsed.data : [];
}

/** The registry files named by the config file, merged into one YAML document (what a "file" version stores). */
function mergedFileYaml(files: string[]): string {
  const r = loadRegistry(files);
  return `# Merged from ${files.map((f) => path.basename(f)).join(", ")}\n${YAML.stringify({ agents: r.agents, allowedMembers: r.allowedMembers })}`;
}

/**
 * Compares the configured registry files with the active version and loads
 * them when the files are the source of truth; a UI import that differs is
 * kept in force and reported as a conflict, never overwritten silently.
 */
export async function syncRegistryFiles(): Promise<FileSyncStatus> {
  const files = await listSetting(REGISTRY_PATHS_KEY);
  const active = await getDb().registryVersion.findFirst({ where: { active: true } });
  const inForce = active?.source ?? "default";
  if (files.length === 0) return { paths: [], state: "none", inForce };
  let yaml: string;
  try {
    yaml = mergedFileYaml(files);
  } catch (err) {
    return { paths: files, state: "invalid", inForce, message: (err as Error).message };
  }
  const decision = reconcile(active, sha256(yaml));
  if (decision !== "load") return { paths: files, state: decision, inForce };
  const saved = await saveRegistryVersion(yaml, "file", `file:${files.map((f) => path.basename(f)).join("+")}`);
  if (!saved.ok) return { paths: files, state: "invalid", inForce, message: saved.error };
  return { paths: files, state: "loaded", inForce: "file" };
}

/** Loads the configured registry files as the active version now (the UI's "load from files"). */
export async function loadRegistryFromFiles(actor: string): Promise<SaveOutcome> {
  const files = await listSetting(REGISTRY_PATHS_KEY);
  if (files.length === 0) return { ok: false, error: "No registry files are configured (vigil.config.yaml `registry:`)." };
  try {
    return await saveRegistryVersion(mergedFileYaml(files), "file", `${actor} (from files)`);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The registry scans judge by: the active version (else none), plus the agents' profiles when configured. */
export async function activeRegistry(): Promise<{ registry: Registry; profiles: AgentProfile[] }> {
  const active = await getDb().registryVersion.findFirst({ where: { active: true } });
  const registry = active ? parseRegistryYaml("registry (active version)", active.yaml) : EMPTY_REGISTRY;
  const profilePaths = await listSetting(PROFILE_PATHS_KEY);
  return { registry, profiles: profilePaths.length ? loadAgentProfiles(profilePaths) : [] };
}
