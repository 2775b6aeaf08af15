import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config/errors";
import { loadYamlFile } from "../config/load-file";
import { ConfigFile } from "../config/schema";
import { validateMeshPems } from "../connections/validate-mesh";
import { DEFAULT_POLICY } from "../policy/defaults";
import { loadPolicyFile } from "../policy/load";
import { loadRegistry } from "../registry/load";
import { judgedRegistry, loadAgentProfiles } from "../registry/profiles";
import { EMPTY_REGISTRY } from "../registry/types";
import type { ScanConfig } from "./scan-config";

/**
 * Builds a scan's configuration straight from vigil.config.yaml — the
 * headless path (`vigil scan`, CI) that needs no web server and no database.
 * The token may come from the file, a token file, or VIGIL_HOMESERVER_TOKEN.
 */
export function scanConfigFromFile(file: string, env: NodeJS.ProcessEnv = process.env): ScanConfig {
  const cfg = loadYamlFile(file, ConfigFile);
  if (!cfg) throw new ConfigError(path.basename(file), [{ key: "", message: `not found at ${path.resolve(file)}` }]);
  const base = path.dirname(path.resolve(file));
  const read = (p: string, key: string) => {
    try {
      return readFileSync(path.resolve(base, p), "utf8");
    } catch (err) {
      throw new ConfigError(path.basename(file), [{ key, message: (err as Error).message }]);
    }
  };

  let homeserver: ScanConfig["homeserver"];
  if (cfg.homeserver) {
    const token =
      cfg.homeserver.accessToken ??
      (cfg.homeserver.accessTokenFile ? read(cfg.homeserver.accessTokenFile, "homeserver.accessTokenFile").trim() : undefined) ??
      env.VIGIL_HOMESERVER_TOKEN;
    if (!token) {
      throw new ConfigError(path.basename(file), [
        { key: "homeserver", message: "no access token: set accessToken, accessTokenFile, or VIGIL_HOMESERVER_TOKEN" },
      ]);
    }
    homeserver = { baseUrl: cfg.homeserver.baseUrl.replace(/\/+$/, ""), accessToken: token };
  }

  let mesh: ScanConfig["mesh"];
  if (cfg.mesh) {
    mesh = {
      caPem: read(cfg.mesh.caFile, "mesh.caFile"),
      clientCertPem: read(cfg.mesh.clientCertFile, "mesh.clientCertFile"),
      clientKeyPem: read(cfg.mesh.clientKeyFile, "mesh.clientKeyFile"),
      endpoints: cfg.mesh.endpoints,
      certificatePaths: cfg.mesh.certificatePaths.map((p) => path.resolve(base, p)),
    };
    try {
      validateMeshPems(mesh);
    } catch (err) {
      throw new ConfigError(path.basename(file), [{ key: "mesh", message: (err as Error).message }]);
    }
  }

  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((p) => path.resolve(base, p));
  const registryFiles = list(cfg.registry);
  const registry = registryFiles.length ? loadRegistry(registryFiles) : EMPTY_REGISTRY;
  // The CLI reads the policy file directly: no database, so no versions — the file is the policy.
  const policy = cfg.policy ? loadPolicyFile(path.resolve(base, cfg.policy)).policy : DEFAULT_POLICY;
  const profiles = loadAgentProfiles(list(cfg.agentProfiles));
  return { homeserver, mesh, registry: judgedRegistry(registry, policy.matrix.allowedMembers, profiles), policy };
}
