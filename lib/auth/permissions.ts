/**
 * Who may do what, declared in one place. Every mutating route handler and
 * server action names one of these actions; the guard looks the role up here.
 */
export const ROLES = ["viewer", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Roles are ordered: an admin can do what an auditor can, an auditor what a viewer can. */
export const hasRole = (actual: Role, required: Role): boolean => ROLES.indexOf(actual) >= ROLES.indexOf(required);

export const PERMISSIONS = {
  "settings.update": "admin",
  "settings.test-connection": "admin",
  "users.manage": "admin",
  "scan.run": "auditor",
  "finding.accept": "auditor",
  "room.enable-encryption": "admin",
  "device.sign-out": "admin",
  "baseline.accept": "admin",
  "evidence.export": "auditor",
  "device.verify": "auditor",
  "webhooks.manage": "admin",
  "scan.schedule": "admin",
  "metrics.token": "admin",
  // Reading, not changing: who did what is for the people answerable for it, not every viewer.
  "audit.read": "auditor",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof PERMISSIONS;

export const requiredRole = (action: Action): Role => PERMISSIONS[action];

/**
 * Paths reachable without a session. Exact segments, never substrings:
 * "/api/auth/…" is NextAuth's own sign-in/out machinery; "/setup" refuses itself
 * once a user exists; "/api/health" says only "ok"; "/api/metrics" checks its
 * own bearer token (lib/metrics/token.ts), since a scraper has no session.
 */
export const PUBLIC_PATHS: readonly string[] = ["/signin", "/setup", "/api/health", "/api/metrics"];
export const PUBLIC_PREFIXES: readonly string[] = ["/api/auth/", "/_next/", "/brand/"];

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_PATHS.includes(pathname)) return true;
  if (pathname === "/favicon.ico" || pathname === "/favicon.svg") return true;
  return PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}
