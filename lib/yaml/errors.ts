import type { z } from "zod";

/** A broken file can yield hundreds of problems; the message names the first few and counts the rest (`problems` keeps all). */
const MAX_LISTED_PROBLEMS = 10;

/** A problem in a named input, pointing at the key (and line, for files) at fault. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: { key: string; line?: number; message: string }[],
  ) {
    const listed = problems
      .slice(0, MAX_LISTED_PROBLEMS)
      .map((p) => `${source}${p.line ? `:${p.line}` : ""}: ${p.key ? `${p.key}: ` : ""}${p.message.slice(0, 300)}`);
    const more = problems.length - listed.length;
    super([...listed, ...(more > 0 ? [`${source}: … and ${more} more problem${more > 1 ? "s" : ""}`] : [])].join("\n"));
  }
}

/** One ConfigError for every issue zod found, each with its dotted key and, when known, its line. */
export function fromZod(source: string, error: z.ZodError, lineOf?: (path: PropertyKey[]) => number | undefined) {
  return new ConfigError(
    source,
    error.issues.map((issue) => {
      const key = issue.path.map(String).join(".");
      const message =
        issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` : issue.message;
      return { key, line: lineOf?.(issue.path), message };
    }),
  );
}

/** The errno code of a failed file operation ("ENOENT", "EACCES"), without trusting the thrown value's shape. */
export function errorCode(err: unknown): string | undefined {
  return err instanceof Error && "code" in err && typeof err.code === "string" ? err.code : undefined;
}
