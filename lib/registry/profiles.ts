import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../yaml/errors";
import type { AgentProfile, Registry } from "./types";

/**
 * Parses one agent env file (KEY=value lines, `#` comments, optional `export`
 * and quotes). Pure: the text in, the profile out. Unknown keys are ignored —
 * an agent's env file carries much more than Vigil cares about.
 */
export function parseAgentProfile(source: string, text: string): AgentProfile {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = (m[2] ?? "").trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? "";
    else value = value.replace(/\s+#.*$/, "");
    vars.set(m[1] ?? "", value);
  }
  const get = (k: string) => {
    const v = vars.get(k);
    return v === undefined || v === "" ? undefined : v;
  };
  const name = path.basename(source).replace(/\.[^.]*$/, "");
  return {
    source,
    name,
    ...(get("MATRIX_USER_ID") ? { userId: get("MATRIX_USER_ID") } : {}),
    ...(get("MATRIX_DEVICE_ID") ? { deviceId: get("MATRIX_DEVICE_ID") } : {}),
    siblings: (get("MATRIX_SIBLING_AGENTS") ?? "").split(/[\s,]+/).filter(Boolean),
    ...(get("MATRIX_E2EE_MODE") ? { e2eeMode: get("MATRIX_E2EE_MODE") } : {}),
    ...(get("MATRIX_HOMESERVER_URL") ? { homeserverUrl: get("MATRIX_HOMESERVER_URL") } : {}),
  };
}

/**
 * Reads agent profiles from files and directories (every `*.env` in a
 * directory, sorted). A path that cannot be read is a ConfigError naming it.
 */
export function loadAgentProfiles(paths: readonly string[]): AgentProfile[] {
  const files: string[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory())
        files.push(
          ...readdirSync(p)
            .filter((f) => f.endsWith(".env"))
            .sort()
            .map((f) => path.join(p, f)),
        );
      else files.push(p);
    } catch (err) {
      throw new ConfigError(path.basename(p), [{ key: "agentProfiles", message: (err as Error).message }]);
    }
  }
  return files.map((f) => {
    try {
      return parseAgentProfile(f, readFileSync(f, "utf8"));
    } catch (err) {
      throw new ConfigError(path.basename(f), [{ key: "agentProfiles", message: (err as Error).message }]);
    }
  });
}

/** The registry as judged: its allowed members plus the policy's, and the profiles when there are any. */
export function judgedRegistry(registry: Registry, policyMembers: readonly string[], profiles?: AgentProfile[]): Registry {
  return {
    ...registry,
    allowedMembers: [...new Set([...registry.allowedMembers, ...policyMembers])],
    ...(profiles && profiles.length ? { profiles } : {}),
  };
}
