/**
 * When a session ends, decided from its claims alone so the proxy (no
 * database) and getActor (with the user row) judge alike. A session ends
 * - VIGIL_SESSION_HOURS after sign-in however active (absolute lifetime),
 * - VIGIL_SESSION_IDLE_MINUTES after the last request (idle timeout),
 * - when the user's session version moved on (sign-out, password reset, role
 *   change, disable: revoked everywhere at once), or the user is gone or disabled.
 */
import { z } from "zod";

export interface SessionLimits {
  absoluteMs: number;
  idleMs: number;
}

/** What Vigil puts in the signed, encrypted session token (times in ms since the epoch). */
export const SessionClaims = z.object({
  sub: z.string().min(1),
  sv: z.number().int().nonnegative(),
  authAt: z.number().int().positive(),
  lastSeen: z.number().int().positive(),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

export type SessionEnd = "malformed" | "expired" | "idle" | "revoked";
export type SessionVerdict = { ok: true; claims: SessionClaims } | { ok: false; end: SessionEnd };

/** The proxy refreshes lastSeen at most this often: the idle clock is minute-accurate, not request-accurate. */
export const LAST_SEEN_REFRESH_MS = 60_000;
/** Clocks of two processes may disagree a little; a claim further in the future than this is forged or broken. */
const CLOCK_SLACK_MS = 60_000;

export function judgeSessionTimes(raw: unknown, now: number, limits: SessionLimits): SessionVerdict {
  const parsed = SessionClaims.safeParse(raw);
  if (!parsed.success) return { ok: false, end: "malformed" };
  const c = parsed.data;
  if (c.authAt > now + CLOCK_SLACK_MS || c.lastSeen > now + CLOCK_SLACK_MS || c.lastSeen < c.authAt) return { ok: false, end: "malformed" };
  if (now - c.authAt >= limits.absoluteMs) return { ok: false, end: "expired" };
  if (now - c.lastSeen >= limits.idleMs) return { ok: false, end: "idle" };
  return { ok: true, claims: c };
}

export function judgeSession(
  raw: unknown,
  user: { sessionVersion: number; disabled: boolean } | null,
  now: number,
  limits: SessionLimits,
): SessionVerdict {
  const times = judgeSessionTimes(raw, now, limits);
  if (!times.ok) return times;
  if (!user || user.disabled || user.sessionVersion !== times.claims.sv) return { ok: false, end: "revoked" };
  return times;
}

export function sessionLimits(e: { VIGIL_SESSION_HOURS: number; VIGIL_SESSION_IDLE_MINUTES: number }): SessionLimits {
  return { absoluteMs: e.VIGIL_SESSION_HOURS * 3_600_000, idleMs: e.VIGIL_SESSION_IDLE_MINUTES * 60_000 };
}
