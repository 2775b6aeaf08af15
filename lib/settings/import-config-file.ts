import "server-only";
import path from "node:path";
import { resolveConfigFile, type ResolvedConfigFile } from "../config/resolve-config-file";
import { getDb } from "../db";
import { env } from "../env";
import { log } from "../log";
import { recordAudit } from "../audit/log";
import { loadPolicyFile } from "../policy/load";
import { loadRegistry } from "../registry/load";
import { loadAgentProfiles } from "../registry/profiles";
import { checkById } from "../rules/catalogue";
import { writeConfigFileStatus, type ConfigFileStatus } from "./config-file-status";
import { saveHomeserverPosture } from "./homeserver-posture";
import { POLICY_PATH_KEY, syncPolicyFile } from "./policy-versions";
import { PROFILE_PATHS_KEY, REGISTRY_PATHS_KEY, syncRegistryFiles } from "./registry-versions";
import { saveHomeserver, saveMesh } from "./save-connections";
import { saveConformanceCredentials } from "./conformance-credentials";

const HASH_KEY = "config.file.hash";
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Imports vigil.config.yaml (and the token and PEM files it names) into the
 * settings when any of them changed since the last import. The file is
 * validated whole first; an invalid file changes nothing and its error is
 * kept for the Settings page. Unchanged, the policy and registry files it
 * names are still re-synced (they may have changed on their own).
 */
export async function importConfigFile(configPath: string = env().VIGIL_CONFIG): Promise<ConfigFileStatus> {
  const file = path.resolve(configPath);
  const at = new Date().toISOString();
  let status: ConfigFileStatus;
  try {
    const cfg = resolveConfigFile(file, env().VIGIL_HOMESERVER_TOKEN);
    if (!cfg) {
      status = { path: file, state: "absent", at };
    } else if ((await getDb().setting.findUnique({ where: { key: HASH_KEY } }))?.value === cfg.sha256) {
      await syncPolicyFile();
      await syncRegistryFiles();
      status = { path: file, state: "unchanged", at };
    } else {
      const problems = await applyConfig(cfg);
      status = problems.length ? { path: file, state: "invalid", message: problems.join("\n"), at } : { path: file, state: "imported", at };
    }
  } catch (err) {
    status = { path: file, state: "invalid", message: message(err), at };
  }
  await writeConfigFileStatus(status, "config-file");
  if (status.state === "invalid")
    log.error({ file: status.path }, `config file invalid: ${status.message} — previous settings stay in force`);
  return status;
}

/** Applies each section; returns what failed (each failed section leaves its previous settings in force). */
async function applyConfig(cfg: ResolvedConfigFile): Promise<string[]> {
  const problems: string[] = [];
  const actor = `config-file:${path.basename(cfg.file)}`;
  const remember = async (key: string, value: string[] | string) =>
    getDb().setting.upsert({ where: { key }, create: { key, value, updatedBy: actor }, update: { value, updatedBy: actor } });
  // Each section is validated before it is remembered, so a broken file is reported now, not at the next scan.
  const section = async (name: string, apply: () => Promise<string | undefined>) => {
    try {
      const error = await apply();
      if (error) problems.push(`${name}: ${error}`);
    } catch (err) {
      problems.push(`${name}: ${message(err)}`);
    }
  };

  if (cfg.homeserver) {
    const hs = cfg.homeserver;
    await section("homeserver", async () => {
      const result = await saveHomeserver(hs, actor, "file");
      return result.ok ? undefined : result.error;
    });
  }
  if (cfg.mesh) {
    const mesh = cfg.mesh;
    await section("mesh", async () => {
      const result = await saveMesh(mesh, actor, "file");
      return result.ok ? undefined : result.error;
    });
  }
  // Remembered or cleared with the file: removing the section stops the probes.
  const posture = cfg.homeserverPosture;
  await section("homeserverPosture", async () => void (await saveHomeserverPosture(posture, actor)));
  // Sealed, and cleared with the file like the posture section: no credential, no signed probe.
  await section("conformance", async () => void (await saveConformanceCredentials(cfg.conformanceCredentials, actor)));
  if (cfg.registryFiles.length) {
    await section("registry", async () => {
      loadRegistry(cfg.registryFiles);
      await remember(REGISTRY_PATHS_KEY, cfg.registryFiles);
      return undefined;
    });
  }
  const policyFile = cfg.policyFile;
  if (policyFile) {
    await section("policy", async () => {
      loadPolicyFile(policyFile, checkById);
      await remember(POLICY_PATH_KEY, policyFile);
      return undefined;
    });
  }
  if (cfg.agentProfilePaths.length) {
    await section("agentProfiles", async () => {
      loadAgentProfiles(cfg.agentProfilePaths);
      await remember(PROFILE_PATHS_KEY, cfg.agentProfilePaths);
      return undefined;
    });
  }
  // Versions are synced from the files now remembered.
  for (const sync of [syncPolicyFile, syncRegistryFiles]) {
    const s = await sync();
    if (s.state === "invalid") problems.push(s.message ?? "invalid");
  }
  await recordAudit({
    actor: { id: null, email: actor },
    action: "settings.import-file",
    target: cfg.file,
    outcome: problems.length ? "refused" : "ok",
    detail: problems.length ? { messages: problems } : {},
  });
  // The digest is remembered only when everything applied, so a fixed homeserver is retried on the next change or start.
  if (!problems.length) await remember(HASH_KEY, cfg.sha256);
  return problems;
}
