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
import type { Evaluation } from "@/lib/rules/evaluate";
import type { CheckResult, Finding } from "@/lib/rules/types";
import { updateFindings } from "@/lib/findings/update-findings";

process.env.DATABASE_URL = path.join(mkdtempSync(path.join(os.tmpdir(), "vigil-lifecycle-")), "db");
afterAll(() => closeDb());

const room = (id: string) => ({ type: "room" as const, id });
const fail = (id: string): Finding => ({
  check: "MX-ROOM-PLAINTEXT",
  severity: "critical",
  subject: room(id),
  detail: "plaintext",
  evidence: { roomId: id },
});
const said = (status: CheckResult["status"]) => (id: string) => ({
  check: "MX-ROOM-PLAINTEXT",
  result: { subject: room(id), status, detail: status, evidence: {} } satisfies CheckResult,
});
const pass = said("pass");
const undecided = said("unknown");
type Said = ReturnType<typeof pass>;

/** One scan's evaluation as evaluate() shapes it; `threw` drops the check's coverage, as a throwing check does. */
function evaluation(findings: Finding[], others: Said[], threw = false): Evaluation {
  const results = [...others, ...findings.map((f) => ({ check: f.check, result: { ...f, status: "fail" as const } }))];
  const count = (s: CheckResult["status"]) => results.filter((r) => r.result.status === s).length;
  return {
    findings,
    results,
    coverage: threw
      ? []
      : [{ check: "MX-ROOM-PLAINTEXT", examined: results.length, passed: count("pass"), failed: count("fail"), unknown: count("unknown") }],
    errors: threw ? [{ check: "MX-ROOM-PLAINTEXT", message: "boom" }] : [],
    notCollected: [],
  };
}

async function scan(at: string, findings: Finding[], others: Said[], complete = true, threw = false) {
  const db = getDb();
  const s = await db.scan.create({ data: { trigger: "test" } });
  return updateFindings(db, {
    scanId: s.id,
    now: new Date(at),
    evaluation: evaluation(findings, others, threw),
    scope: complete ? "complete" : "partial",
  });
}
const byRoom = (id: string) => getDb().finding.findUniqueOrThrow({ where: { key: `MX-ROOM-PLAINTEXT|room|${id}` } });

describe("findings lifecycle", () => {
  it("opens, keeps first seen, and resolves only on proof", async () => {
    expect(await scan("2026-01-01T00:00:00Z", [fail("!a"), fail("!b")], [])).toEqual({ opened: 2, resolved: 0, undecided: 0 });
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

  it("an unknown result resolves nothing, even in a complete scan", async () => {
    await scan("2026-01-04T01:00:00Z", [fail("!u")], []);
    const change = await scan("2026-01-04T02:00:00Z", [], [undecided("!u")], true);
    expect(change).toMatchObject({ resolved: 0, undecided: 1 });
    const u = await byRoom("!u");
    expect(u.status).toBe("open");
    expect(u.lastSeenAt.toISOString()).toBe("2026-01-04T01:00:00.000Z"); // last seen *failing*, not last looked at
  });

  it("a check that threw in a complete scan resolves none of its findings", async () => {
    const change = await scan("2026-01-04T03:00:00Z", [], [], true, true);
    expect(change.resolved).toBe(0);
    expect((await byRoom("!u")).status).toBe("open");
  });

  it("a partial scan that did not see the subject leaves it open; a later pass resolves it; a new failure reopens it", async () => {
    await scan("2026-01-04T04:00:00Z", [], [], false);
    expect((await byRoom("!u")).status).toBe("open");
    await scan("2026-01-04T05:00:00Z", [], [pass("!u")], false);
    expect((await byRoom("!u")).status).toBe("resolved");
    expect(await scan("2026-01-04T06:00:00Z", [fail("!u")], [])).toMatchObject({ opened: 1 });
    const u = await byRoom("!u");
    expect(u.status).toBe("open");
    expect(u.resolvedAt).toBeNull();
    expect(u.firstSeenAt.toISOString()).toBe("2026-01-04T01:00:00.000Z"); // one history, not a new finding
  });

  it("an accepted finding stays accepted while seen, and reopens after its date", async () => {
    await scan("2026-01-05T00:00:00Z", [fail("!c")], []);
    const c = await byRoom("!c");
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    await acceptFinding(
      getDb(),
      c.id,
      AcceptFindingInput.parse({ reason: "Legacy bridge room, migrating in Q1", owner: "ops", until }),
      "auditor@vigil.test",
    );
    await scan(new Date(Date.now() + 3600_000).toISOString(), [fail("!c")], []);
    expect((await byRoom("!c")).status).toBe("accepted");
    await scan(new Date(until.getTime() + 3600_000).toISOString(), [fail("!c")], []);
    expect((await byRoom("!c")).status).toBe("open");
  });

  it("refuses an acceptance without a real reason, an owner or a future end", () => {
    const r = AcceptFindingInput.safeParse({ reason: "ok", owner: "", until: "2020-01-01" });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/reason of at least 10/),
        "Name the owner of this exception.",
        "The acceptance must end in the future.",
      ]),
    );
  });

  it("refuses to accept a resolved finding", async () => {
    const b = await byRoom("!b");
    await expect(
      acceptFinding(getDb(), b.id, { reason: "because reasons", owner: "x", until: new Date(Date.now() + 1e9) }, "me"),
    ).rejects.toThrow(/resolved/);
  });

  it("seen again: a changed detail or evidence is written, an unchanged finding only moves its last-seen time", async () => {
    const t = (h: number) => new Date(Date.UTC(2027, 0, 1, h)).toISOString();
    await scan(t(0), [fail("!d"), fail("!e")], []);
    const changed = { ...fail("!e"), detail: "plaintext, 40 messages", evidence: { roomId: "!e", messages: 40 } };
    expect(await scan(t(1), [fail("!d"), changed], [], false)).toMatchObject({ opened: 0, resolved: 0 });
    const [d, e] = [await byRoom("!d"), await byRoom("!e")];
    expect(d).toMatchObject({ detail: "plaintext", evidence: { roomId: "!d" }, status: "open" });
    expect(d.lastSeenAt.toISOString()).toBe(t(1));
    expect(e).toMatchObject({ detail: "plaintext, 40 messages", evidence: { roomId: "!e", messages: 40 } });
    expect(e.lastSeenAt.toISOString()).toBe(t(1));
  });

  it("the open findings of a check that did not run are counted undecided and left as they were", async () => {
    const open = await getDb().finding.count({ where: { status: "open", check: "MX-ROOM-PLAINTEXT" } });
    const before = await byRoom("!d");
    const db = getDb();
    const s = await db.scan.create({ data: { trigger: "test" } });
    const other = "MX-DEVICE-UNVERIFIED";
    const change = await updateFindings(db, {
      scanId: s.id,
      now: new Date("2027-02-01T00:00:00Z"),
      evaluation: {
        findings: [],
        results: [],
        coverage: [{ check: other, examined: 0, passed: 0, failed: 0, unknown: 0 }],
      },
      scope: "complete",
    });
    expect(change).toEqual({ opened: 0, resolved: 0, undecided: open });
    expect(await byRoom("!d")).toEqual(before);
  });
});
