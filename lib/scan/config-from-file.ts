import path from "node:path";
import { resolveConfigFile } from "../config/resolve-config-file";
import { validateMeshPems } from "../connections/validate-mesh";
import { DEFAULT_POLICY } from "../policy/defaults";
import { loadPolicyFile } from "../policy/load";
import { loadRegistry } from "../registry/load";
import { judgedRegistry, loadAgentProfiles } from "../registry/profiles";
import { EMPTY_REGISTRY } from "../registry/types";
import { checkById } from "../rules/catalogue";
import { ConfigError } from "../yaml/errors";
import type { ScanConfig } from "./scan-config";

/**
 * Builds a scan's configuration straight from vigil.config.yaml — the
 * headless path (`vigil scan`, CI) that needs no web server and no database.
 * The token may come from the file, a token file, or VIGIL_HOMESERVER_TOKEN.
 */
export function scanConfigFromFile(file: string, env: NodeJS.ProcessEnv = process.env): ScanConfig {
  const cfg = resolveConfigFile(file, env.VIGIL_HOMESERVER_TOKEN);
  const fail = (key: string, message: string) => new ConfigError(path.basename(file), [{ key, message }]);
  if (!cfg) throw fail("", `not found at ${path.resolve(file)}`);

  let homeserver: ScanConfig["homeserver"];
  if (cfg.homeserver) {
    const token = cfg.homeserver.accessToken;
    if (!token) throw fail("homeserver", "no access token: set accessToken, accessTokenFile, or VIGIL_HOMESERVER_TOKEN");
    homeserver = { baseUrl: cfg.homeserver.baseUrl.replace(/\/+$/, ""), accessToken: token };
  }
  if (cfg.mesh) {
    try {
      validateMeshPems(cfg.mesh);
    } catch (err) {
      throw fail("mesh", err instanceof Error ? err.message : String(err));
    }
  }
  const registry = cfg.registryFiles.length ? loadRegistry(cfg.registryFiles) : EMPTY_REGISTRY;
  // The CLI reads the policy file directly: no database, so no versions — the file is the policy.
  const policy = cfg.policyFile ? loadPolicyFile(cfg.policyFile, checkById) : DEFAULT_POLICY;
  const profiles = loadAgentProfiles(cfg.agentProfilePaths);
  return {
    homeserver,
    mesh: cfg.mesh,
    homeserverPosture: cfg.homeserverPosture,
    conformanceCredentials: cfg.conformanceCredentials,
    registry: judgedRegistry(registry, policy.matrix.allowedMembers, profiles),
    policy,
  };
}
