/**
 * What a client may be told when something fails. A message written for a
 * person (a typed error from Vigil's own code: "That finding is already
 * resolved") passes, redacted. Anything else — a database or driver error
 * (whose text carries SQL, table names, the value that broke it), a
 * programming error — becomes one generic sentence with a request id, and the
 * full error goes to the server log under that id.
 */
import { randomBytes } from "node:crypto";
import { redact } from "../secrets/redact";
import { log } from "../log";

const PROGRAMMING_ERRORS = [TypeError, ReferenceError, SyntaxError, RangeError, EvalError, URIError];

/** True for errors whose text is not meant for a person: database and driver errors, programming errors, non-Errors. */
export function isInternalError(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (PROGRAMMING_ERRORS.some((kind) => err.constructor === kind)) return true;
  const code = (err as { code?: unknown }).code;
  // Prisma (P1000…), PostgreSQL SQLSTATE (22021…) and PGlite/pg errors.
  if (typeof code === "string" && /^(P\d{4}|[0-9A-Z]{5})$/.test(code)) return true;
  const text = `${err.name} ${err.constructor.name} ${err.message}`;
  return /prisma|pglite|postgres|sqlstate|DriverAdapter|invalid input syntax|violates .* constraint/i.test(text);
}

export const newRequestId = (): string => randomBytes(6).toString("hex");

export interface ClientError {
  message: string;
  requestId: string;
  internal: boolean;
}

/** The client's half of `err`; the server log gets the whole of it (redacted) under the request id. */
export function toClientError(err: unknown, context: string, requestId = newRequestId()): ClientError {
  if (!isInternalError(err)) return { message: redact((err as Error).message), requestId, internal: false };
  // The logger redacts the error's message, stack and cause by shape.
  log.error({ err, requestId, context }, `${context} failed with an internal error`);
  return {
    message: `Something went wrong on the server (request id ${requestId}). The details are in the server log.`,
    requestId,
    internal: true,
  };
}
