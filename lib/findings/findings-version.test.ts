import { describe, expect, it } from "vitest";
import { withTempDatabase } from "@/test/support/temp-database";
import { getDb } from "../db/client";
import type { Finding } from "../rules/types";
import { acceptFinding, reopenFinding } from "./accept-finding";
import { findingsVersion, memoByFindingsVersion } from "./findings-version";
import { updateFindings } from "./update-findings";

withTempDatabase("findings-version");

const plaintext = (id: string): Finding => ({
  check: "MX-ROOM-PLAINTEXT",
  severity: "critical",
  subject: { type: "room", id },
  detail: "not encrypted",
  evidence: {},
});
const result = (f: Finding, status: "pass" | "fail") => ({ check: f.check, result: { ...f, status } });

/** One real scan's lifecycle step over the rooms given, on the real lifecycle code. */
async function scan(at: string, failing: Finding[], passing: Finding[] = []) {
  const s = await getDb().scan.create({ data: { trigger: "test", status: "complete" } });
  await updateFindings(getDb(), {
    scanId: s.id,
    now: new Date(at),
    scope: "complete",
    evaluation: {
      findings: failing,
      results: [...failing.map((f) => result(f, "fail")), ...passing.map((f) => result(f, "pass"))],
      coverage: [
        {
          check: "MX-ROOM-PLAINTEXT",
          examined: failing.length + passing.length,
          passed: passing.length,
          failed: failing.length,
          unknown: 0,
        },
      ],
    },
  });
}

describe("findingsVersion: every way a finding changes moves it, and nothing else does", () => {
  it("moves on open, seen again, resolved, accepted and taken back; stays put when nothing was written", async () => {
    const db = getDb();
    const seen: string[] = [await findingsVersion(db)];
    const step = async () => {
      const v = await findingsVersion(db);
      expect(seen).not.toContain(v);
      seen.push(v);
    };
    await scan("2026-11-30T01:00:00Z", [plaintext("!a"), plaintext("!b")]);
    await step(); // opened
    expect(await findingsVersion(db)).toBe(seen.at(-1)); // read twice, nothing written
    await scan("2026-11-30T02:00:00Z", [plaintext("!a"), plaintext("!b")]);
    await step(); // seen again (same rows, same statuses: only lastSeenAt moved)
    await scan("2026-11-30T03:00:00Z", [plaintext("!a")], [plaintext("!b")]);
    await step(); // !b resolved
    const a = await db.finding.findUniqueOrThrow({ where: { key: "MX-ROOM-PLAINTEXT|room|!a" } });
    const until = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    await acceptFinding(db, a.id, { reason: "a test of the version stamp", owner: "sec", until }, "tester");
    await step(); // accepted
    await reopenFinding(db, a.id);
    await step(); // taken back
  });

  it("memo: computes once per version and key, again after a write, and forgets a failure", async () => {
    const db = getDb();
    let computed = 0;
    const memo = memoByFindingsVersion(async (n: number) => {
      computed++;
      if (n < 0) throw new Error("refused");
      return n * 2;
    });
    expect(await memo(db, "k", 2)).toBe(4);
    expect(await memo(db, "k", 2)).toBe(4);
    expect(computed).toBe(1);
    expect(await memo(db, "other", 3)).toBe(6);
    expect(computed).toBe(2);
    await scan("2026-11-30T04:00:00Z", [plaintext("!c")]);
    expect(await memo(db, "k", 2)).toBe(4);
    expect(computed).toBe(3);
    await expect(memo(db, "bad", -1)).rejects.toThrow("refused");
    await expect(memo(db, "bad", -1)).rejects.toThrow("refused");
    expect(computed).toBe(5);
  });
});
