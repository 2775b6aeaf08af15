import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../yaml/errors";
import { parseYamlFile } from "../yaml/load-file";
import { PolicySchema, type Policy } from "./schema";

/**
 * The check ids a policy may name under `severities:`. The rules' catalogue
 * knows them (pass `checkById`); taking them as an argument keeps lib/policy
 * below lib/rules, which reads the policy.
 */
export interface KnownCheckIds {
  has(id: string): boolean;
}

/**
 * Parses policy YAML (from a file or the Settings page) into a full Policy,
 * defaults filled in. Errors are ConfigErrors naming the source, line and key.
 */
export function parsePolicyYaml(source: string, yaml: string, checkIds: KnownCheckIds): Policy {
  const schema = PolicySchema.superRefine((policy, ctx) => {
    for (const id of Object.keys(policy.severities)) {
      if (!checkIds.has(id)) ctx.addIssue({ code: "custom", path: ["severities", id], message: "unknown check id" });
    }
  });
  return parseYamlFile(source, yaml, schema);
}

/** Reads and parses a policy file; a missing or unreadable file is a ConfigError, never the defaults in disguise. */
export function loadPolicyFile(file: string, checkIds: KnownCheckIds): Policy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(path.basename(file), [{ key: "policy", message: err instanceof Error ? err.message : String(err) }]);
  }
  return parsePolicyYaml(file, text, checkIds);
}
