/**
 * Sign-in throttling: after a few free failures, each further failure for the
 * same key doubles the wait before the next attempt is even checked. Keys are
 * the account (so a spread-out guesser is slowed) and the source address (so
 * one source spraying many accounts is slowed). In memory, per process,
 * bounded: an attacker who fills the table evicts only the oldest entries, and
 * each failure they spend costs them a full password hash.
 */
export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
  refusalAudited: boolean;
}

export interface FailureRecord {
  failures: number;
  /** Whether this failure belongs in the audit log: the first few, then each doubling (bounded writes). */
  audit: boolean;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: ThrottleRule,
    private readonly maxKeys = 50_000,
  ) {}

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastFailure > this.rule.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const e = this.live(key, now);
    return e ? Math.max(0, e.blockedUntil - now) : 0;
  }

  /** True once per blocked period: the first refusal is audited, the flood after it is not. */
  firstRefusal(key: string, now: number): boolean {
    const e = this.live(key, now);
    if (!e || e.refusalAudited) return false;
    e.refusalAudited = true;
    return true;
  }

  fail(key: string, now: number): FailureRecord {
    const e = this.live(key, now) ?? { failures: 0, lastFailure: now, blockedUntil: 0, refusalAudited: false };
    e.failures++;
    e.lastFailure = now;
    e.refusalAudited = false;
    const over = e.failures - this.rule.free;
    if (over > 0) e.blockedUntil = now + Math.min(this.rule.baseMs * 2 ** Math.min(over - 1, 30), this.rule.maxMs);
    this.entries.delete(key); // re-insert: Map order is then least-recently-failed first
    this.entries.set(key, e);
    while (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return { failures: e.failures, audit: e.failures <= this.rule.free || (e.failures & (e.failures - 1)) === 0 };
  }

  clear(key: string): void {
    this.entries.delete(key);
  }
}

const MINUTE = 60_000;
export const ACCOUNT_RULE: ThrottleRule = { free: 5, baseMs: 1_000, maxMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };
/** A source may be an office behind one address: more free failures before it waits. */
export const SOURCE_RULE: ThrottleRule = { free: 20, baseMs: 1_000, maxMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };
