/**
 * The findings lifecycle on a real (embedded Postgres) database: a finding is
 * opened, stays open while seen, is resolved only on proof, can be accepted
 * with a reason until a date, and reopens on the first scan after that date.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acceptFinding, AcceptFindingInput } from "@/lib/findings/accept-finding";
import { closeDb, getDb } from "@/lib/db/client";
import type { CheckResult, Finding } from "@/lib/rules/types";
import { updateFindings } from "@/lib/scan/update-findings";

process.env.DATABASE_URL = path.join(mkdtempSync(path.join(os.tmpdir(), "vigil-lifecycle-")), "db");
afterAll(() => closeDb());

const room = (id: string) => ({ type: "room" as const, id });
const fail = (id: string): Finding => ({ check: "MX-ROOM-PLAINTEXT", severity: "critical", subject: room(id), detail: "plaintext", evidence: { roomId: id } });
const pass = (id: string) => ({ check: "MX-ROOM-PLAINTEXT", result: { subject: room(id), status: "pass", detail: "ok", evidence: {} } as CheckResult });

async function scan(at: string, findings: Finding[], passes: ReturnType<typeof pass>[], complete = true) {
  const db = getDb();
  const s = await db.scan.create({ data: { trigger: "test" } });
  return updateFindings(db, s.id, new Date(at), findings, passes, complete);
}
const byRoom = (id: string) => getDb().finding.findUniqueOrThrow({ where: { key: `MX-ROOM-PLAINTEXT|room|${id}` } });

describe("findings lifecycle", () => {
  it("opens, keeps first seen, and resolves only on proof", async () => {
    expect(await scan("2026-01-01T00:00:00Z", [fail("!a"), fail("!b")], [])).toEqual({ opened: 2, resolved: 0 });
    await scan("2026-01-02T00:00:00Z", [fail("!a")], [], false); // partial, !b not seen: stays open
    expect((await byRoom("!b")).status).toBe("open");
    await scan("2026-01-03T00:00:00Z", [fail("!a")], [pass("!b")], false); // partial, but !b seen passing
    const b = await byRoom("!b");
    expect(b.status).toBe("resolved");
    expect(b.resolvedAt?.toISOString()).toBe("2026-01-03T00:00:00.000Z");
    const a = await byRoom("!a");
    expect(a.firstSeenAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(a.lastSeenAt.toISOString()).toBe("2026-01-03T00:00:00.000Z");
  });

  it("a complete scan resolves findings whose subject is gone", async () => {
    await scan("2026-01-04T00:00:00Z", [], [], true);
    expect((await byRoom("!a")).status).toBe("resolved");
  });

  it("an accepted finding stays accepted while seen, and reopens after its date", async () => {
    await scan("2026-01-05T00:00:00Z", [fail("!c")], []);
    const c = await byRoom("!c");
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    await acceptFinding(getDb(), c.id, AcceptFindingInput.parse({ reason: "Legacy bridge room, migrating in Q1", owner: "ops", until }), "auditor@vigil.test");
    await scan(new Date(Date.now() + 3600_000).toISOString(), [fail("!c")], []);
    expect((await byRoom("!c")).status).toBe("accepted");
    await scan(new Date(until.getTime() + 3600_000).toISOString(), [fail("!c")], []);
    expect((await byRoom("!c")).status).toBe("open");
  });

  it("refuses an acceptance without a real reason, an owner or a future end", () => {
    const r = AcceptFindingInput.safeParse({ reason: "ok", owner: "", until: "2020-01-01" });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/reason of at least 10/), "Name the owner of this exception.", "The acceptance must end in the future."]));
  });

  it("refuses to accept a resolved finding", async () => {
    const b = await byRoom("!b");
    await expect(acceptFinding(getDb(), b.id, { reason: "because reasons", owner: "x", until: new Date(Date.now() + 1e9) }, "me")).rejects.toThrow(/resolved/);
  });
});
