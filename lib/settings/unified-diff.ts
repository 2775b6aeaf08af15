/**
 * A unified diff of two versions of a policy or registry file, as `diff -u` or `git diff` would
 * show it, by jsdiff: the version history shows what changed. A file that lacks a final newline
 * is marked as git marks it ("\ No newline at end of file").
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/** Empty when the texts are equal; otherwise `--- from`, `+++ to` and the hunks with `context` lines around each change. */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  if (before === after) return "";
  return createTwoFilesPatch(labels.from, labels.to, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
}
