import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config/errors";
import { parseYamlFile } from "../config/load-file";
import { mergePolicy } from "./merge";
import { PolicyFile } from "./schema";
import type { Policy } from "./types";

export interface ParsedPolicy {
  policy: Policy;
  yaml: string;
  sha256: string;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Parses policy YAML (from a file or the Settings page) into a full Policy.
 * Errors are ConfigErrors naming the source, the line and the key.
 */
export function parsePolicyYaml(source: string, yaml: string): ParsedPolicy {
  const file = parseYamlFile(source, yaml, PolicyFile);
  return { policy: mergePolicy(file), yaml, sha256: sha256(yaml) };
}

/** Reads and parses a policy file; a missing or unreadable file is a ConfigError, never the defaults in disguise. */
export function loadPolicyFile(file: string): ParsedPolicy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(path.basename(file), [{ key: "policy", message: (err as Error).message }]);
  }
  return parsePolicyYaml(file, text);
}
