import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit/log";
import { saveHomeserver, saveMesh } from "../settings/save-connections";
import { loadPolicyFile } from "../policy/load";
import { POLICY_PATH_KEY, syncPolicyFile } from "../policy/versions";
import { loadRegistry } from "../registry/load";
import { loadAgentProfiles } from "../registry/profiles";
import { PROFILE_PATHS_KEY, syncRegistryFiles } from "../registry/versions";
import { ConfigError } from "./errors";
import { loadYamlFile } from "./load-file";
import { ConfigFile } from "./schema";

export interface ConfigFileStatus {
  path: string;
  state: "absent" | "imported" | "unchanged" | "invalid";
  message?: string;
  at: string;
}

const readText = (base: string, file: string, what: string): string => {
  const full = path.resolve(base, file);
  try {
    return readFileSync(full, "utf8");
  } catch (err) {
    throw new ConfigError(path.basename(full), [{ key: what, message: (err as Error).message }]);
  }
};

/**
 * Imports vigil.config.yaml into the settings when its content changed since
 * the last import. The file is validated whole first; an invalid file changes
 * nothing and its error is kept for the Settings page.
 */
export async function importConfigFile(): Promise<ConfigFileStatus> {
  const file = path.resolve(env().VIGIL_CONFIG);
  const base = path.dirname(file);
  const at = new Date().toISOString();
  let status: ConfigFileStatus;
  try {
    const cfg = loadYamlFile(file, ConfigFile);
    if (!cfg) {
      status = { path: file, state: "absent", at };
    } else {
      const hash = createHash("sha256").update(readFileSync(file)).digest("hex");
      const last = await getDb().setting.findUnique({ where: { key: "config.file.hash" } });
      if (last?.value === hash) {
        status = { path: file, state: "unchanged", at };
      } else {
        status = await applyConfig(cfg, base, file, hash, at);
      }
    }
  } catch (err) {
    status = { path: file, state: "invalid", message: (err as Error).message, at };
  }
  await getDb().setting.upsert({
    where: { key: "config.file.status" },
    create: { key: "config.file.status", value: { ...status }, updatedBy: "config-file" },
    update: { value: { ...status }, updatedBy: "config-file" },
  });
  if (status.state === "invalid") console.error(`[config] ${status.message} — previous settings stay in force`);
  return status;
}

async function applyConfig(cfg: ConfigFile, base: string, file: string, hash: string, at: string): Promise<ConfigFileStatus> {
  const messages: string[] = [];
  const actor = `config-file:${path.basename(file)}`;
  if (cfg.homeserver) {
    const { accessTokenFile, ...hs } = cfg.homeserver;
    const accessToken =
      hs.accessToken ??
      (accessTokenFile ? readText(base, accessTokenFile, "homeserver.accessTokenFile").trim() : undefined) ??
      env().VIGIL_HOMESERVER_TOKEN;
    const result = await saveHomeserver({ ...hs, accessToken }, actor, "file");
    if (!result.ok) messages.push(`homeserver: ${result.error}`);
  }
  if (cfg.mesh) {
    const result = await saveMesh(
      {
        caPem: readText(base, cfg.mesh.caFile, "mesh.caFile"),
        clientCertPem: readText(base, cfg.mesh.clientCertFile, "mesh.clientCertFile"),
        clientKeyPem: readText(base, cfg.mesh.clientKeyFile, "mesh.clientKeyFile"),
        endpoints: cfg.mesh.endpoints,
        certificatePaths: cfg.mesh.certificatePaths.map((p) => path.resolve(base, p)),
      },
      actor,
      "file",
    );
    if (!result.ok) messages.push(`mesh: ${result.error}`);
  }
  if (cfg.registry !== undefined) {
    const files = (Array.isArray(cfg.registry) ? cfg.registry : [cfg.registry]).map((r) => path.resolve(base, r));
    try {
      loadRegistry(files); // validate now, so a broken registry is reported at import, not at the next scan
      await getDb().setting.upsert({
        where: { key: "registry.paths" },
        create: { key: "registry.paths", value: files, updatedBy: actor },
        update: { value: files, updatedBy: actor },
      });
    } catch (err) {
      messages.push(`registry: ${(err as Error).message}`);
    }
  }
  // Policy and agent profiles: validated now, remembered by path; versions are synced from the files below.
  const remember = async (key: string, value: string[] | string) =>
    getDb().setting.upsert({ where: { key }, create: { key, value, updatedBy: actor }, update: { value, updatedBy: actor } });
  if (cfg.policy !== undefined) {
    try {
      const policyFile = path.resolve(base, cfg.policy);
      loadPolicyFile(policyFile);
      await remember(POLICY_PATH_KEY, policyFile);
    } catch (err) {
      messages.push(`policy: ${(err as Error).message}`);
    }
  }
  if (cfg.agentProfiles !== undefined) {
    try {
      const paths = (Array.isArray(cfg.agentProfiles) ? cfg.agentProfiles : [cfg.agentProfiles]).map((p) => path.resolve(base, p));
      loadAgentProfiles(paths);
      await remember(PROFILE_PATHS_KEY, paths);
    } catch (err) {
      messages.push(`agentProfiles: ${(err as Error).message}`);
    }
  }
  for (const sync of [syncPolicyFile, syncRegistryFiles]) {
    const s = await sync();
    if (s.state === "invalid") messages.push(s.message ?? "invalid");
  }
  const ok = messages.length === 0;
  await recordAudit({
    actor: { id: null, email: actor },
    action: "settings.import-file",
    target: file,
    outcome: ok ? "ok" : "error",
    detail: ok ? {} : { messages },
  });
  // Remember the hash only when everything applied, so a fixed homeserver is retried next start.
  if (ok) {
    await getDb().setting.upsert({
      where: { key: "config.file.hash" },
      create: { key: "config.file.hash", value: hash, updatedBy: actor },
      update: { value: hash, updatedBy: actor },
    });
  }
  return { path: file, state: ok ? "imported" : "invalid", message: ok ? undefined : messages.join("\n"), at };
}
