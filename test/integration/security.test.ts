/**
 * Issue #13 on a real database (PGlite in a fresh folder, opened the way the
 * server opens it): sign-in throttling and constant work, session revocation
 * through every user change, the last admin, the one-time setup token, audit
 * rows that cannot be lost to a NUL, webhook URLs sealed at rest, and the data
 * folder's file modes. Each test reproduces a finding of the review.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-security-it-"));
process.env.VIGIL_DATA_DIR = data;
delete process.env.DATABASE_URL; // the embedded default: <data>/db, as a fresh install has it

// Imported after the environment is set: these read it once.
const { resetEnv } = await import("@/lib/env");
resetEnv();
const { secureStart } = await import("@/lib/security/start-checks");
const { getDb, closeDb } = await import("@/lib/db/client");
const { signInWithPassword, resetSignInThrottle } = await import("@/lib/auth/sign-in");
const { hashPassword } = await import("@/lib/auth/password");
const { judgeSession } = await import("@/lib/auth/session-policy");
const { revokeSessions } = await import("@/lib/auth/revoke-sessions");
const { setupFirstAdmin, announceSetupToken } = await import("@/lib/auth/first-admin");
const { changeUserRole } = await import("@/lib/users/change-user-role");
const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
const { resetUserPassword } = await import("@/lib/users/reset-user-password");
const { deleteUser } = await import("@/lib/users/delete-user");
const { createUser, CreateUserInput } = await import("@/lib/users/create-user");
const { beginAudit, recordAudit, AuditUnavailableError } = await import("@/lib/audit/log");
const { createWebhook, readWebhookUrl, sealLegacyWebhookUrls } = await import("@/lib/alerts/webhooks");

const db = getDb();
const limits = { absoluteMs: 8 * 3_600_000, idleMs: 30 * 60_000 };
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  await secureStart(() => {}); // what the server does first: umask 077, folders 0700, then the database opens
});
afterAll(async () => {
  await closeDb();
});

async function addUser(email: string, role: "viewer" | "auditor" | "admin" = "viewer") {
  return db.user.create({ data: { email, name: email.split("@")[0] ?? "x", role, passwordHash: await hashPassword(PASSWORD) } });
}
/** A session as issued at sign-in, judged now against the user's current row. */
async function sessionOf(userId: string) {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const now = Date.now();
  const claims = { sub: u.id, sv: u.sessionVersion, authAt: now, lastSeen: now };
  return {
    claims,
    stillValid: async () => judgeSession(claims, await db.user.findUnique({ where: { id: userId } }), Date.now(), limits).ok,
  };
}

describe("setup (finding 10: /setup was open to whoever came first)", () => {
  it("needs the one-time token printed at start; a wrong or reused token creates nobody", async () => {
    const lines: string[] = [];
    await announceSetupToken((l) => lines.push(l));
    const token = /setup token: (\S+)$/.exec(lines[0] ?? "")?.[1];
    expect(token).toBeTruthy();
    const form = { email: "first@vigil.test", name: "First", password: PASSWORD };
    expect(await setupFirstAdmin(form, {})).toEqual({ ok: false, error: "Enter the setup token from the server log." });
    const guessed = await setupFirstAdmin({ ...form, token: "guess" }, { ip: "203.0.113.9" });
    expect(guessed).toMatchObject({ ok: false, error: expect.stringMatching(/not the setup token/) });
    expect(await db.user.count()).toBe(0);
    expect(await setupFirstAdmin({ ...form, token }, {})).toEqual({ ok: true });
    expect(await setupFirstAdmin({ ...form, email: "second@vigil.test", token }, {})).toMatchObject({ ok: false });
    expect(await db.user.count()).toBe(1);
    const denied = await db.auditLog.findFirstOrThrow({ where: { action: "users.create-first-admin", outcome: "denied" } });
    expect(denied.sourceIp).toBe("203.0.113.9");
  });
});

describe("sign-in (finding 5: no throttling, unknown accounts answered faster)", () => {
  it("after repeated wrong passwords the right one is refused until the wait is over, and audit rows stay bounded", async () => {
    resetSignInThrottle();
    const user = await addUser("target@vigil.test");
    const source = { ip: "198.51.100.7", userAgent: "it" };
    const before = await db.auditLog.count({ where: { action: "auth.sign-in", target: user.email } });
    const now = Date.now();
    let throttled = 0;
    for (let i = 0; i < 50; i++) {
      const r = await signInWithPassword({ email: user.email, password: `wrong-${i}` }, source, now + i);
      if (!r.ok && r.reason === "throttled") throttled++;
    }
    expect(throttled).toBeGreaterThan(40);
    const right = await signInWithPassword({ email: user.email, password: PASSWORD }, source, now + 100);
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    const rows = await db.auditLog.findMany({ where: { action: "auth.sign-in", target: user.email, at: { gte: new Date(now - 1000) } } });
    expect(rows.length).toBeLessThanOrEqual(8); // 5 failures, then one row for the first refusal: not 51
    expect(rows.length).toBeGreaterThan(before);
    expect(rows.every((r) => r.sourceIp === "198.51.100.7" && r.userAgent === "it")).toBe(true);
    // After the wait, the right password works from another address.
    const later = await signInWithPassword({ email: user.email, password: PASSWORD }, { ip: "198.51.100.8" }, now + 16 * 60_000);
    expect(later).toMatchObject({ ok: true, user: { email: user.email } });
  });

  it("one source spraying many accounts is slowed too", async () => {
    resetSignInThrottle();
    const source = { ip: "192.0.2.50" };
    const results = [];
    for (let i = 0; i < 25; i++)
      results.push(await signInWithPassword({ email: `spray-${i}@vigil.test`, password: "x" }, source, 1_000_000 + i));
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThan(0);
  });

  it("an unknown account costs a full password check, like a known one (no user enumeration by timing)", async () => {
    resetSignInThrottle();
    await addUser("known@vigil.test");
    const time = async (email: string, i: number) => {
      const t = performance.now();
      await signInWithPassword({ email, password: "wrong password" }, { ip: `10.9.0.${i}` });
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time("known@vigil.test", i));
      unknown.push(await time(`nobody-${i}@vigil.test`, i + 10));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // Without the dummy hash an unknown account answered in about 1/50 of the time; a 0.5 ratio leaves room for noise.
    expect(median(unknown)).toBeGreaterThan(0.5 * median(known));
  });

  it("a disabled user cannot sign in with the right password", async () => {
    resetSignInThrottle();
    const u = await addUser("disabled@vigil.test");
    await setUserDisabled(u.id, true);
    expect(await signInWithPassword({ email: u.email, password: PASSWORD }, { ip: "10.8.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sessions and user lifecycle (finding 4: sessions could not be revoked, users only created)", () => {
  it("sign-out, role change, password reset, disable and delete each end every session at once", async () => {
    const u = await addUser("lifecycle@vigil.test", "auditor");
    const steps: [string, () => Promise<unknown>][] = [
      ["sign-out", () => revokeSessions(u.id)],
      ["role change", () => changeUserRole(u.id, "viewer")],
      ["password reset", () => resetUserPassword(u.id, "a brand new password")],
      ["disable", () => setUserDisabled(u.id, true)],
      ["delete", () => deleteUser(u.id)],
    ];
    for (const [what, change] of steps) {
      if (what === "delete") await setUserDisabled(u.id, false); // re-enabled, so a session is valid again before the delete
      const session = await sessionOf(u.id);
      expect(await session.stillValid(), `before ${what}`).toBe(true);
      await change();
      expect(await session.stillValid(), `after ${what}`).toBe(false);
    }
    expect(await db.user.findUnique({ where: { id: u.id } })).toBeNull();
  });

  it("nobody can demote, disable or delete the last enabled admin", async () => {
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const admin = await addUser("only-admin@vigil.test", "admin");
    await expect(changeUserRole(admin.id, "auditor")).rejects.toThrow(/last enabled admin/);
    await expect(setUserDisabled(admin.id, true)).rejects.toThrow(/last enabled admin/);
    await expect(deleteUser(admin.id)).rejects.toThrow(/last enabled admin/);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "admin", disabled: false });
    // Two admins demoting each other at once: one wins, one is refused, one admin remains.
    const second = await addUser("second-admin@vigil.test", "admin");
    const results = await Promise.allSettled([changeUserRole(admin.id, "viewer"), changeUserRole(second.id, "viewer")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
  });
});

describe("audit rows and input (findings 6 and 8)", () => {
  it("a NUL in a target is stored escaped: the row is written, not lost", async () => {
    await recordAudit({
      actor: null,
      action: "device.sign-out",
      target: "@a:hs|DEV\u0000ICE",
      outcome: "ok",
      detail: { ids: ["x\u0000"] },
    });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "device.sign-out" }, orderBy: { at: "desc" } });
    expect(row.target).toBe("@a:hs|DEV\\u0000ICE");
    expect(row.detail).toEqual({ ids: ["x\\u0000"] });
  });

  it("when the started row cannot be written, beginAudit refuses, so the action never runs", async () => {
    await expect(beginAudit({ actor: null, action: "bad\u0000action", target: "t" })).rejects.toBeInstanceOf(AuditUnavailableError);
  });

  it("a NUL in a new user's name is refused at validation, with words, not a database error", () => {
    const r = CreateUserInput.safeParse({ email: "nul@vigil.test", name: "Eve\u0000", role: "viewer", password: PASSWORD });
    expect(r.error?.issues[0]?.message).toBe("A name must not contain control characters.");
  });

  it("a clean name is stored as typed", async () => {
    const created = createUser({ email: "ok@vigil.test", name: "Zoë Okay", role: "viewer", password: PASSWORD });
    await expect(created).resolves.toMatchObject({ email: "ok@vigil.test" });
  });
});

describe("webhook URLs (finding 10: stored in plaintext, logged whole)", () => {
  it("are sealed at rest; the row and the database files hold only the origin", async () => {
    const secretPath = "/services/T000/B000/XXXXsupersecretpathtoken";
    const { id } = await createWebhook(
      db,
      { name: "chat", url: `http://127.0.0.1:9/${secretPath}`, events: ["drift"], minSeverity: "high" },
      "it",
    );
    const row = await db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.url).toBe("http://127.0.0.1:9/…");
    expect(await readWebhookUrl(db, row)).toBe(`http://127.0.0.1:9/${secretPath}`);
    await db.$executeRawUnsafe("CHECKPOINT");
    expect(filesContaining(path.join(data, "db"), "XXXXsupersecretpathtoken")).toEqual([]);
  });

  it("a webhook stored before sealing is sealed at start, and still delivers to its full URL", async () => {
    const url = "https://hooks.example.com/T1/secret-part";
    const legacy = await db.webhook.create({ data: { name: "old", url, events: ["drift"], createdBy: "it" } });
    expect(await sealLegacyWebhookUrls(db)).toBe(1);
    const row = await db.webhook.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(row.url).toBe("https://hooks.example.com/…");
    expect(await readWebhookUrl(db, row)).toBe("https://hooks.example.com/T1/secret-part");
    expect(await sealLegacyWebhookUrls(db)).toBe(0);
  });
});

describe("the data folder (finding 7: 0755 folder, 0666 database files)", () => {
  it("is 0700 and every file the database wrote is private to Vigil's user", () => {
    expect(statSync(data).mode & 0o777).toBe(0o700);
    const loose = walk(data).filter((f) => statSync(f).mode & 0o077);
    expect(loose).toEqual([]);
    expect(walk(path.join(data, "db")).length).toBeGreaterThan(10);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? [full, ...walk(full)] : [full];
  });
}
function filesContaining(dir: string, needle: string): string[] {
  return walk(dir).filter((f) => statSync(f).isFile() && readFileSync(f).includes(needle));
}
