import { describe, expect, it } from "vitest";
import { judgeSession, judgeSessionTimes, sessionLimits } from "./session-policy";

const limits = sessionLimits({ VIGIL_SESSION_HOURS: 8, VIGIL_SESSION_IDLE_MINUTES: 30 });
const t0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const claims = (over: Record<string, unknown> = {}) => ({ sub: "u1", sv: 3, authAt: t0, lastSeen: t0, ...over });
const min = 60_000;
const user = { sessionVersion: 3, disabled: false };

describe("session lifetime", () => {
  it("lives while used, up to the absolute lifetime, however active (no endless sliding)", () => {
    expect(judgeSessionTimes(claims({ lastSeen: t0 + 7 * 60 * min }), t0 + 7 * 60 * min + 5 * min, limits).ok).toBe(true);
    expect(judgeSessionTimes(claims({ lastSeen: t0 + 8 * 60 * min - min }), t0 + 8 * 60 * min, limits)).toEqual({
      ok: false,
      end: "expired",
    });
  });

  it("ends after the idle timeout", () => {
    expect(judgeSessionTimes(claims(), t0 + 29 * min, limits).ok).toBe(true);
    expect(judgeSessionTimes(claims(), t0 + 30 * min, limits)).toEqual({ ok: false, end: "idle" });
  });

  it("refuses a token without Vigil's claims (an old next-auth token) or with times in the future", () => {
    expect(judgeSessionTimes({ sub: "u1" }, t0, limits)).toEqual({ ok: false, end: "malformed" });
    expect(judgeSessionTimes(claims({ authAt: t0 + 10 * min, lastSeen: t0 + 10 * min }), t0, limits)).toEqual({
      ok: false,
      end: "malformed",
    });
    expect(judgeSessionTimes(null, t0, limits)).toEqual({ ok: false, end: "malformed" });
  });

  it("is revoked when the user's session version moved on, or the user is disabled or gone", () => {
    expect(judgeSession(claims(), user, t0, limits).ok).toBe(true);
    expect(judgeSession(claims(), { ...user, sessionVersion: 4 }, t0, limits)).toEqual({ ok: false, end: "revoked" });
    expect(judgeSession(claims(), { ...user, disabled: true }, t0, limits)).toEqual({ ok: false, end: "revoked" });
    expect(judgeSession(claims(), null, t0, limits)).toEqual({ ok: false, end: "revoked" });
  });

  it("defaults to at most 8 hours and 30 minutes", () => {
    expect(limits).toEqual({ absoluteMs: 8 * 3_600_000, idleMs: 30 * min });
  });
});
