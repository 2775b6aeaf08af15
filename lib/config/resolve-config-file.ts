import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../yaml/errors";
import { loadYamlFile } from "../yaml/load-file";
import { ConfigFile, type MeshEndpoint, type ProberCredential } from "./schema";

/** vigil.config.yaml with every file it names read or made absolute: what the server imports and the CLI scans with. */
export interface ResolvedConfigFile {
  /** The config file, absolute. */
  file: string;
  homeserver?: {
    baseUrl: string;
    /** From `accessToken`, else `accessTokenFile`, else the fallback token (VIGIL_HOMESERVER_TOKEN); absent when none. */
    accessToken?: string;
    user?: string;
    password?: string;
  };
  mesh?: { caPem: string; clientCertPem: string; clientKeyPem: string; endpoints: MeshEndpoint[]; certificatePaths: string[] };
  /** HS-* probing: the CA file read now, homeserver.yaml only named (absolute) and read by each scan. */
  homeserverPosture?: { publicBaseUrl: string; federationUrl?: string; configFile?: string; caPem?: string };
  /** Conformance probes' credentials by name (issue #18), values read from their files; empty when none are configured. */
  conformanceCredentials: Record<string, ProberCredential>;
  registryFiles: string[];
  agentProfilePaths: string[];
  policyFile?: string;
  /** The config file and the token and PEM files read for it, absolute: a change to any of them changes this result. */
  inputs: string[];
  /**
   * SHA-256 over everything above: equal digests, nothing to re-import. Secrets enter it only
   * through the hash (a token or key is far too long to find from its digest).
   */
  sha256: string;
}

/**
 * Reads vigil.config.yaml and the token and PEM files it names (relative to
 * the config file). A missing config file is `undefined`; anything wrong —
 * bad YAML, an unknown key, an unreadable or empty token or PEM file — is a
 * ConfigError naming the file, the key and, in the YAML, the line.
 */
export function resolveConfigFile(configPath: string, fallbackToken?: string): ResolvedConfigFile | undefined {
  const file = path.resolve(configPath);
  const cfg = loadYamlFile(file, ConfigFile);
  if (!cfg) return undefined;
  const base = path.dirname(file);
  const inputs = [file];
  const read = (relative: string, key: string): string => {
    const full = path.resolve(base, relative);
    let text: string;
    try {
      text = readFileSync(full, "utf8");
    } catch (err) {
      throw new ConfigError(path.basename(file), [{ key, message: err instanceof Error ? err.message : String(err) }]);
    }
    if (text.trim() === "") throw new ConfigError(path.basename(file), [{ key, message: `${full} is empty` }]);
    inputs.push(full);
    return text;
  };
  const absolute = (v: string | string[] | undefined) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((p) => path.resolve(base, p));

  let homeserver: ResolvedConfigFile["homeserver"];
  if (cfg.homeserver) {
    const { accessTokenFile, accessToken, ...rest } = cfg.homeserver;
    const token =
      accessToken ?? (accessTokenFile ? read(accessTokenFile, "homeserver.accessTokenFile").trim() : undefined) ?? fallbackToken;
    homeserver = { ...rest, ...(token ? { accessToken: token } : {}) };
  }
  const mesh = cfg.mesh && {
    caPem: read(cfg.mesh.caFile, "mesh.caFile"),
    clientCertPem: read(cfg.mesh.clientCertFile, "mesh.clientCertFile"),
    clientKeyPem: read(cfg.mesh.clientKeyFile, "mesh.clientKeyFile"),
    endpoints: cfg.mesh.endpoints,
    certificatePaths: absolute(cfg.mesh.certificatePaths),
  };
  const posture = cfg.homeserverPosture;
  const homeserverPosture = posture && {
    publicBaseUrl: posture.publicBaseUrl.replace(/\/+$/, ""),
    ...(posture.federationUrl ? { federationUrl: posture.federationUrl.replace(/\/+$/, "") } : {}),
    ...(posture.configFile ? { configFile: path.resolve(base, posture.configFile) } : {}),
    ...(posture.caFile ? { caPem: read(posture.caFile, "homeserverPosture.caFile") } : {}),
  };
  const conformanceCredentials: Record<string, ProberCredential> = {};
  for (const [name, c] of Object.entries(cfg.conformance?.credentials ?? {})) {
    const key = `conformance.credentials.${name}`;
    // A secret file's trailing newline is an editor's, not the secret's: HMAC over "s\n" is another key.
    if ("hmacSecretFile" in c) conformanceCredentials[name] = { kind: "hmac-secret", value: read(c.hmacSecretFile, key).trim() };
    else if ("ed25519KeyFile" in c) conformanceCredentials[name] = { kind: "ed25519-key", value: read(c.ed25519KeyFile, key) };
    else conformanceCredentials[name] = { kind: "token", value: read(c.tokenFile, key).trim() };
  }
  const resolved = {
    file,
    conformanceCredentials,
    homeserver,
    mesh,
    homeserverPosture,
    registryFiles: absolute(cfg.registry),
    agentProfilePaths: absolute(cfg.agentProfiles),
    policyFile: cfg.policy === undefined ? undefined : path.resolve(base, cfg.policy),
    inputs,
  };
  return { ...resolved, sha256: createHash("sha256").update(JSON.stringify(resolved)).digest("hex") };
}
