/** Exact UTC, e.g. "2026-11-22 00:12:55 UTC": what evidence and the audit log quote. */
export const formatUtc = (at: Date): string => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
