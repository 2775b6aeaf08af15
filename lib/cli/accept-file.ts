/**
 * `--accept <file>`: the CLI's stand-in for accepted findings. Acceptance
 * (who, why, until when) lives in the web app's database, which the CLI
 * deliberately does not open; a CI job that has reviewed a risk lists its
 * finding key here instead, in the repository, where the review is visible:
 *
 *   # one key per line: CHECK|subjectType|subjectId  (as in JSON output's findings)
 *   MX-DEVICE-STALE|device|@bot:example.org|OLDPHONE
 *
 * Listed findings still appear in every output (SARIF marks them suppressed)
 * but do not count for --fail-on. Without the flag, every finding counts.
 */
import { readFileSync } from "node:fs";
import { findingKey, severityRank, type Finding, type Severity } from "../rules/types";

export type AcceptFile = { ok: true; keys: Set<string> } | { ok: false; error: string };

const KEY = /^[A-Z0-9-]+\|(room|user|device|endpoint|certificate|agent)\|.+$/;

/** Parses the file's text; a malformed line is an error naming its number, so a typo never silently un-accepts. */
export function parseAcceptList(text: string, source = "accept file"): AcceptFile {
  const keys = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line || line.startsWith("#")) continue;
    if (!KEY.test(line))
      return { ok: false, error: `${source}:${i + 1}: expected CHECK|subjectType|subjectId, got ${JSON.stringify(line.slice(0, 80))}` };
    keys.add(line);
  }
  return { ok: true, keys };
}

export function readAcceptFile(path: string): AcceptFile {
  try {
    return parseAcceptList(readFileSync(path, "utf8"), path);
  } catch (err) {
    return {
      ok: false,
      error: `--accept ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`,
    };
  }
}

/** True when a finding at or above `failOn` is not on the accept list: the CI gate. */
export function gateFails(findings: readonly Finding[], failOn: Severity, accepted: ReadonlySet<string>): boolean {
  return findings.some((f) => severityRank(f.severity) <= severityRank(failOn) && !accepted.has(findingKey(f)));
}
