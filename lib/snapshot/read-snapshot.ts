/**
 * The one way to read a stored snapshot's JSON (Snapshot.data in the database): upgraded from
 * its stored version and checked against the schema. A row that fails is an error value, not an
 * exception, so every reader has to decide what to show instead of crashing a page or, worse,
 * reading missing fields as "nothing wrong".
 */
import type { z } from "zod";
import { StoredSnapshotSchema } from "./schema";
import type { Snapshot } from "./types";

/** How many schema complaints the message quotes; the first few say what is wrong. */
const QUOTED_ISSUES = 3;

export class UnreadableSnapshotError extends Error {
  constructor(
    readonly snapshotId: string,
    readonly reason: string,
  ) {
    super(`snapshot ${snapshotId} is unreadable: ${reason}`);
    this.name = "UnreadableSnapshotError";
  }
}

/** "mesh.endpoints.0.chain.0.notAfter: expected string, received number; …" */
export function describeIssues(error: z.ZodError): string {
  const quoted = error.issues.slice(0, QUOTED_ISSUES).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  const more = error.issues.length - quoted.length;
  return quoted.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}

/** The snapshot stored as `data` under `snapshotId`, or why it cannot be read. */
export function readSnapshot(data: unknown, snapshotId: string): Snapshot | UnreadableSnapshotError {
  const parsed = StoredSnapshotSchema.safeParse(data);
  return parsed.success ? parsed.data : new UnreadableSnapshotError(snapshotId, describeIssues(parsed.error));
}
