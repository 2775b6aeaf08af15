/** The closed sets the findings filters accept (shared by the query and the chips; no server-only code here). */
export const FINDING_STATUSES = ["open", "resolved", "accepted", "all"] as const;
export const SEVERITY_NAMES = ["critical", "high", "medium", "low", "info"] as const;
export const SUBJECT_TYPES = ["room", "user", "device", "endpoint", "certificate", "agent", "homeserver"] as const;
