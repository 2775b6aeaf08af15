import { redactKnown } from "../secrets/redact";

/** Where a CLI command writes, and the environment it reads: injected so tests run the real command in-process. */
export interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
}

/**
 * The same Io, but nothing written through it can carry one of `secrets`:
 * the last line of defence behind the redaction at the HTTP layer, for
 * whatever message a future code path forgets to redact.
 */
export function guardedIo(io: Io, secrets: readonly (string | undefined)[]): Io {
  const guard = (w: Io["out"]) => ({ write: (s: string) => w.write(redactKnown(s, secrets)) });
  return { out: guard(io.out), err: guard(io.err), env: io.env };
}
