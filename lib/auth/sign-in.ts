import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "../db";
import { recordAudit } from "../audit/log";
import type { RequestSource } from "../audit/source";
import { hashPassword, verifyPassword } from "./password";
import { ACCOUNT_RULE, SOURCE_RULE, Throttle } from "./throttle";

const Credentials = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const g = globalThis as typeof globalThis & {
  __vigilSignInThrottle?: { account: Throttle; source: Throttle };
  __vigilDummyHash?: Promise<string>;
};
const throttles = () => (g.__vigilSignInThrottle ??= { account: new Throttle(ACCOUNT_RULE), source: new Throttle(SOURCE_RULE) });

/**
 * A real argon2id hash of a password nobody knows, made with the same
 * parameters as users' hashes: an unknown account costs the same verification
 * as a known one, so response time does not say which emails have accounts.
 */
const dummyHash = () => (g.__vigilDummyHash ??= hashPassword(randomBytes(32).toString("base64")));

/**
 * Checks an email and password, throttled per account and per source. Every
 * answer takes one password verification; a throttled attempt takes none and
 * is not checked at all, so a guess made while waiting is wasted. Audit rows
 * are bounded: each success, the first failures and then each doubling, and
 * the first refusal of each wait.
 */
export async function signInWithPassword(raw: unknown, source: RequestSource, now = Date.now()): Promise<SignInResult> {
  const parsed = Credentials.safeParse(raw);
  // Even a malformed attempt counts against the account it named.
  const named = (raw as { email?: unknown } | null)?.email;
  const email = (parsed.success ? parsed.data.email : typeof named === "string" ? named.slice(0, 320) : "").toLowerCase();
  const keys = { account: `account:${email}`, source: `source:${source.ip ?? "unknown"}` };
  const { account, source: bySource } = throttles();
  const waitMs = Math.max(account.waitMs(keys.account, now), bySource.waitMs(keys.source, now));
  if (waitMs > 0) {
    if (account.firstRefusal(keys.account, now) || bySource.firstRefusal(keys.source, now)) {
      const detail = { reason: "throttled", waitSeconds: Math.ceil(waitMs / 1000) };
      await recordAudit({ actor: { id: null, email }, action: "auth.sign-in", target: email, outcome: "denied", detail, source });
    }
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  const user = parsed.success ? await getDb().user.findUnique({ where: { email } }) : null;
  const password = parsed.success ? parsed.data.password : "";
  const verified = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (user && verified && !user.disabled) {
    account.clear(keys.account); // the source's count stays: one valid account must not launder a spray
    await getDb().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date(now) } });
    await recordAudit({ actor: { id: user.id, email: user.email }, action: "auth.sign-in", target: email, outcome: "ok", source });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  }
  const byAccount = account.fail(keys.account, now);
  const fromSource = bySource.fail(keys.source, now);
  if (byAccount.audit || fromSource.audit) {
    const reason = user?.disabled && verified ? "disabled" : "wrong email or password";
    await recordAudit({
      actor: user ? { id: user.id, email: user.email } : { id: null, email },
      action: "auth.sign-in",
      target: email,
      outcome: "denied",
      detail: { reason, failures: byAccount.failures },
      source,
    });
  }
  return { ok: false, reason: "invalid" };
}

/** For tests that sign in many times from one address: forget every failure. */
export function resetSignInThrottle(): void {
  g.__vigilSignInThrottle = undefined;
}
