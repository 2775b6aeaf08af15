/**
 * Scheduled scans on PGlite: the interval setting keeps exactly one scan job
 * waiting, off removes it (and never a manual scan's job), bad values read as off, and a scheduled run that
 * meets a running scan is skipped with the reason instead of overlapping.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { ScanConfig } from "./scan-config";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-schedule-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");
const { getDb, closeDb } = await import("../db/client");
const { syncSchedule, readScheduleMinutes, SCHEDULE_SETTING, SCAN_JOB } = await import("./schedule");
const { scanJobHandler } = await import("./scan-job");
const { enqueue } = await import("../jobs/queue");
const { createWorker } = await import("../jobs/worker");

const db = getDb();
afterAll(() => closeDb());
beforeEach(async () => {
  await db.job.deleteMany();
  await db.scan.deleteMany();
  await db.setting.deleteMany();
});
const setMinutes = (value: unknown) =>
  db.setting.upsert({
    where: { key: SCHEDULE_SETTING },
    create: { key: SCHEDULE_SETTING, value: value as object },
    update: { value: value as object },
  });
const queued = () => db.job.findMany({ where: { kind: SCAN_JOB, status: "queued" } });

describe("scheduled scans", () => {
  it("keeps one scan job due one interval after the last scan; off removes it", async () => {
    const lastScan = new Date(Date.now() - 10 * 60_000);
    await db.scan.create({ data: { trigger: "manual", status: "complete", startedAt: lastScan } });
    await setMinutes(30);
    await syncSchedule(db);
    await syncSchedule(db);
    const jobs = await queued();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.runAt.getTime()).toBe(lastScan.getTime() + 30 * 60_000);
    // Shortened: pulled forward, never "now" because the last scan was 10 minutes ago.
    await setMinutes({ minutes: 5 });
    await syncSchedule(db);
    const [pulled] = await queued();
    expect(Math.abs((pulled?.runAt.getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
    await setMinutes(0);
    await syncSchedule(db);
    expect(await queued()).toHaveLength(0);
  });

  it("off drops only the schedule's job: a manual scan queued before the worker's turn stays queued", async () => {
    const { requestScan } = await import("./scan-job");
    // The schedule is off (no setting) and a manual scan is asked for just before a worker turn syncs the schedule.
    const manual = await requestScan(db, { trigger: "manual", actor: "a@example.org" });
    await syncSchedule(db);
    expect((await queued()).map((j) => j.id)).toEqual([manual.jobId]);
    await db.job.deleteMany();
    // A scheduled job due later, pulled forward by a manual request, is that request's now: turning the schedule off keeps it.
    await db.scan.create({ data: { trigger: "manual", status: "complete", startedAt: new Date(Date.now() - 10 * 60_000) } });
    await setMinutes(30);
    await syncSchedule(db);
    const pulled = await requestScan(db, { trigger: "manual", actor: "a@example.org" });
    await setMinutes(0);
    await syncSchedule(db);
    expect((await queued()).map((j) => j.id)).toEqual([pulled.jobId]);
    // A job with no trigger is the scheduler's (ScanJobPayload's default) and goes.
    const legacy = await enqueue(db, SCAN_JOB, {});
    await syncSchedule(db);
    expect(await db.job.count({ where: { id: legacy } })).toBe(0);
    expect((await queued()).map((j) => j.id)).toEqual([pulled.jobId]);
  });

  it("unreadable values count as off", async () => {
    for (const bad of ["soon", -5, 1.5, 99_999, { minutes: "x" }]) {
      await setMinutes(bad);
      expect(await readScheduleMinutes(db), JSON.stringify(bad)).toBe(0);
    }
  });

  it("a scheduled run that meets a running scan is skipped and says so", async () => {
    const running = await db.scan.create({ data: { trigger: "manual", status: "running" } });
    const id = await enqueue(db, SCAN_JOB, { trigger: "schedule" });
    const config = {
      mesh: { caPem: "", clientCertPem: "", clientKeyPem: "", endpoints: [], certificatePaths: [] },
    } as unknown as ScanConfig;
    const worker = createWorker({ db, start: false, handlers: { [SCAN_JOB]: scanJobHandler(db, async () => config) } });
    await worker.drain();
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "skipped",
      lastError: `skipped: scan ${running.id} was still running`,
    });
    expect(await db.scan.count()).toBe(1); // no second scan started
  });

  it("with nothing connected the run is skipped with that reason", async () => {
    const id = await enqueue(db, SCAN_JOB, {});
    const worker = createWorker({ db, start: false, handlers: { [SCAN_JOB]: scanJobHandler(db, async () => ({}) as ScanConfig) } });
    await worker.drain();
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "skipped", lastError: expect.stringMatching(/nothing to scan/) });
  });
});
