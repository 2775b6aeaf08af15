import { createHash } from "node:crypto";

/** The identity of a version's text: equal hashes, same content. */
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * The file and the UI never disagree silently. Given the active version and
 * the file as it is now, say what to do:
 * - "in-sync": same content;
 * - "load": the file changed and the active version came from the file (or
 *   there is none yet): GitOps as usual, load it;
 * - "conflict": the active version was edited in the UI and the file differs
 *   (either side may be newer): keep what is in force and tell the admin.
 */
export type Reconcile = "in-sync" | "load" | "conflict";

export function reconcile(active: { sha256: string; source: string } | null, fileSha: string): Reconcile {
  if (!active) return "load";
  if (active.sha256 === fileSha) return "in-sync";
  return active.source === "file" ? "load" : "conflict";
}

/** What the Settings pages show about a file-backed version: which one is in force and why. */
export interface FileSyncStatus {
  /** The file(s) configured; empty when none. */
  paths: string[];
  state: "none" | "in-sync" | "loaded" | "conflict" | "invalid";
  /** The source of the version in force: "file", "ui", or "default" when nothing was ever saved. */
  inForce: string;
  message?: string;
  /** The file can be written from the UI (policy only: one file, writable). */
  writable?: boolean;
}
