/**
 * The test bed's real Synapse SIGKILLed in the middle of a scan, then restarted (#14). The scan that lost its
 * homeserver must end partial with the reason, keep the last complete snapshot and every open finding, resolve
 * nothing; the scan after the restart must be complete and find exactly what the one before the kill found.
 * Uses VIGIL_TESTBED_DIR's Synapse: run it with a test-bed folder of your own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synapseDir } from "@/scripts/testbed/synapse/paths";
import { startSynapse, synapseStatus } from "@/scripts/testbed/synapse/synapse";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-synapse-kill-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");

const { closeDb, getDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");

let tb: Testbed;
beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(data, "testbed") });
}, 600_000);
afterAll(async () => {
  await closeDb();
  await tb?.stop();
  rmSync(data, { recursive: true, force: true });
});

const openFindings = async () =>
  (await getDb().finding.findMany({ where: { status: "open" }, select: { check: true, subjectType: true, subjectId: true } }))
    .map((f) => `${f.check}|${f.subjectType}|${f.subjectId}`)
    .sort();

describe("Synapse killed mid-scan", () => {
  it("the scan ends partial with the reason, nothing is lost or resolved, and after a restart the next scan is complete", async () => {
    const config = scanConfigFromFile(tb.configPath, { NODE_ENV: "test" });
    const first = await runScan(getDb(), config, { trigger: "test" });
    expect(first.collected.status).toBe("complete");
    const snapshotBefore = await getDb().snapshot.findFirstOrThrow({ where: { scanId: first.scanId } });
    const findingsBefore = await openFindings();
    expect(findingsBefore.length).toBeGreaterThan(5);

    const dir = synapseDir();
    const { pid } = await synapseStatus(dir);
    if (!pid) throw new Error(`no Synapse running in ${dir}`);
    let killedAt = 0;
    const killed = await runScan(getDb(), config, {
      trigger: "test",
      // The scan row exists and the collector is about to read: kill -9 the homeserver under it.
      onStarted: async () => {
        await new Promise((r) => setTimeout(r, 150));
        process.kill(pid, "SIGKILL");
        killedAt = Date.now();
      },
    });
    expect(killedAt).toBeGreaterThan(0);
    expect(killed.collected.status).toBe("partial");
    const errors = JSON.stringify((await getDb().scan.findUniqueOrThrow({ where: { id: killed.scanId } })).errors);
    expect(errors).toMatch(/ECONNREFUSED|fetch failed|socket|connection/i);
    // The last complete snapshot is still the one from before; no finding was resolved by the broken scan.
    const latest = await getDb().snapshot.findFirstOrThrow({ where: { status: "complete" }, orderBy: { takenAt: "desc" } });
    expect(latest.id).toBe(snapshotBefore.id);
    expect(await getDb().finding.count({ where: { status: "resolved" } })).toBe(0);
    expect(await openFindings()).toEqual(findingsBefore);

    const restarted = await startSynapse({ dir, timeoutMs: 120_000 });
    expect(restarted.startedByUs).toBe(true);
    const next = await runScan(getDb(), config, { trigger: "test" });
    expect(next.collected.status).toBe("complete");
    expect(await openFindings()).toEqual(findingsBefore);
    expect(await getDb().finding.count({ where: { status: "resolved" } })).toBe(0);
  }, 600_000);
});
