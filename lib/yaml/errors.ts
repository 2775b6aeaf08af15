import type { z } from "zod";

/** A problem in a named input, pointing at the key (and line, for files) at fault. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: { key: string; line?: number; message: string }[],
  ) {
    super(
      problems
        .map((p) => `${source}${p.line ? `:${p.line}` : ""}: ${p.key ? `${p.key}: ` : ""}${p.message}`)
        .join("\n"),
    );
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
