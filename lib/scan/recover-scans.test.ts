/**
 * Which recovery fails a scan whose worker died: one whose job is still marked running belongs to the worker's lease
 * recovery (which names the worker and queues the scan again), even once its lease has expired; failOrphanedScans
 * takes only scans no running job names. Both used to qualify once a lease expired, and whichever ran first won.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { withTempDatabase } from "@/test/support/temp-database";
import { failOrphanedScans } from "./recover-scans";
import { SCAN_JOB } from "./schedule";

withTempDatabase("recover-scans");
const LEASE_MS = 2_000;
const longAgo = () => new Date(Date.now() - 10 * LEASE_MS);

describe("failOrphanedScans", () => {
  it("leaves a scan whose job still runs, lease expired or not, and fails one no running job names", async () => {
    const db = getDb();
    const owned = await db.scan.create({ data: { trigger: "manual", startedAt: longAgo() } });
    const orphan = await db.scan.create({ data: { trigger: "manual", startedAt: longAgo() } });
    await db.job.create({
      data: { kind: SCAN_JOB, status: "running", lockedAt: longAgo(), lockedBy: "dead-worker", payload: { scanId: owned.id } },
    });
    await db.job.create({ data: { kind: SCAN_JOB, status: "done", payload: { scanId: orphan.id } } });

    for (const exclusive of [false, true]) {
      expect(await failOrphanedScans(db, { exclusive, leaseMs: LEASE_MS })).toEqual(exclusive ? [] : [orphan.id]);
    }
    expect((await db.scan.findUniqueOrThrow({ where: { id: owned.id } })).status).toBe("running");
    const failed = await db.scan.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(failed.status).toBe("failed");
    expect(JSON.stringify(failed.errors)).toMatch(/Vigil stopped while this scan ran/);
  });
});
