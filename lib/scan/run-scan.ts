import type { PrismaClient } from "../../generated/prisma/client";
import { pickRulesBaseline } from "../drift/compare-points";
import { allChecks } from "../rules/catalogue";
import { evaluate, type Evaluation } from "../rules/evaluate";
import { UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { readStoredSnapshot } from "../snapshot/stored-snapshot";
import { toStoredSnapshot } from "../snapshot/version";
import { afterScan } from "./after-scan";
import { collectSnapshot, type Collected } from "./collect-snapshot";
import { meshRows } from "./mesh-rows";
import type { ScanConfig } from "./scan-config";
import { snapshotRows } from "./snapshot-rows";
import { updateFindings } from "../findings/update-findings";
import { redact } from "../secrets/redact";
import { log } from "../log";
import { retryWrite } from "../jobs/retry-write";

export class ScanInProgressError extends Error {
  constructor(readonly scanId: string) {
    super("A scan is already running; wait for it to finish.");
  }
}

export interface ScanOutcome {
  scanId: string;
  collected: Collected;
  evaluation: Evaluation;
  durationMs: number;
}

/** The scan's row was failed while it ran (its worker's lease was taken over, or Vigil was stopping): nothing is recorded. */
export class ScanAbandonedError extends Error {
  override name = "ScanAbandonedError";
  constructor(readonly scanId: string) {
    super(`Scan ${scanId} was marked failed while it ran (its worker lost its lease or Vigil was stopping); its results were discarded.`);
  }
}

export interface RunScanOptions {
  trigger: string;
  actor?: string;
  /** Called once the Scan row exists (the job handler links the job to it). */
  onStarted?: (scanId: string) => Promise<void>;
  /** How the sources are read: here by default (the CLI); the web server reads them on a thread of their own. */
  collect?: typeof collectSnapshot;
}

// One scan at a time per process; the database check below covers other processes.
let running: Promise<ScanOutcome> | undefined;
let runningId: string | undefined;

/** The scan this process is running, if any: never an orphan, whatever its job says. */
export function scanRunningHere(): string | undefined {
  return runningId;
}

/**
 * collect → snapshot → rules → findings, recorded. The snapshot row is written
 * whatever the status (a failed scan is evidence too), but views and rules use
 * the last *complete* snapshot as their baseline, so a half-done scan never
 * replaces it.
 */
export async function runScan(db: PrismaClient, config: ScanConfig, opts: RunScanOptions): Promise<ScanOutcome> {
  if (running) throw new ScanInProgressError(runningId ?? "this process");
  // No time window: a scan whose process died is failed by the job worker's recovery (lib/scan/recover-scans.ts),
  // not presumed dead after an hour, so "running" here means running.
  const active = await db.scan.findFirst({ where: { status: "running" } });
  if (active) throw new ScanInProgressError(active.id);
  running = doScan(db, config, opts).finally(() => {
    running = undefined;
    runningId = undefined;
  });
  return running;
}

async function doScan(db: PrismaClient, config: ScanConfig, opts: RunScanOptions): Promise<ScanOutcome> {
  const started = Date.now();
  const scan = await db.scan.create({ data: { trigger: opts.trigger, triggeredBy: opts.actor, stage: "collect", progress: 0 } });
  runningId = scan.id;
  const scanLog = log.child({ scanId: scan.id, trigger: opts.trigger, actor: opts.actor });
  scanLog.info("scan started");
  let lastStage = "";
  const progress = (stage: string, fraction: number) => {
    if (stage !== lastStage) scanLog.debug({ stage, progress: fraction }, "scan stage");
    lastStage = stage;
    void db.scan.updateMany({ where: { id: scan.id, status: "running" }, data: { stage, progress: fraction } }).catch(() => {});
  };

  try {
    await opts.onStarted?.(scan.id);
    // Scheduled scans send conformance probes only to agents whose registry entry opts in (issue #18).
    const collect = opts.collect ?? collectSnapshot;
    const collected = await collect({ ...config, probeTrigger: opts.trigger === "schedule" ? "scheduled" : "manual" }, progress);
    // Ids first, and the chosen one read through the per-id cache: the baseline rarely changes between scans, and
    // fetching and parsing a multi-megabyte snapshot twice per scan blocked every other request (bench/load).
    const point = { id: true, status: true, isBaseline: true, takenAt: true } as const;
    const baselineRow = pickRulesBaseline([
      await db.snapshot.findFirst({ where: { status: "complete", isBaseline: true }, select: point }),
      await db.snapshot.findFirst({ where: { status: "complete" }, orderBy: { takenAt: "desc" }, select: point }),
    ]);
    // An unreadable baseline compares with nothing (MX-IDENTITY-CHANGED says unknown) and is named in the scan's errors.
    const baseline = baselineRow ? ((await readStoredSnapshot(db, baselineRow.id)) ?? undefined) : undefined;
    const baselineProblem =
      baseline instanceof UnreadableSnapshotError ? [{ source: "vigil", scope: "baseline", message: baseline.message }] : [];
    const now = new Date(collected.snapshot.takenAt);
    const readableBaseline = baseline instanceof UnreadableSnapshotError ? undefined : baseline;
    const { policy, registry } = config;
    const evaluation = evaluate(allChecks, { snapshot: collected.snapshot, policy, registry, baseline: readableBaseline, now });
    // Rooms once encrypted, for this snapshot's rooms; a scan that read no rooms need not page through every room ever seen.
    const everEncrypted = new Set(
      collected.snapshot.matrix?.rooms.length
        ? (await db.roomRow.findMany({ where: { everEncrypted: true }, select: { roomId: true }, distinct: ["roomId"] })).map(
            (r) => r.roomId,
          )
        : [],
    );
    const rows = snapshotRows(collected.snapshot, config.registry, everEncrypted);
    const mesh = meshRows(collected.snapshot.mesh, evaluation, now);
    const durationMs = Date.now() - started;

    lastStage = "record";
    scanLog.debug({ stage: "record" }, "scan stage");
    const recordStarted = Date.now();
    await db.$transaction(
      async (tx) => {
        const snap = await tx.snapshot.create({
          // The registry the scan judged against travels with the snapshot, so views show the agents as declared *then*.
          data: {
            scanId: scan.id,
            takenAt: now,
            status: collected.status,
            data: toStoredSnapshot(collected.snapshot, config.registry) as object,
          },
        });
        await tx.roomRow.createMany({ data: rows.rooms.map((r) => ({ ...r, snapshotId: snap.id })) });
        await tx.deviceRow.createMany({ data: rows.devices.map((d) => ({ ...d, snapshotId: snap.id })) });
        await tx.endpointRow.createMany({ data: mesh.endpoints.map((e) => ({ ...e, snapshotId: snap.id })) });
        await tx.certificateRow.createMany({ data: mesh.certificates.map((c) => ({ ...c, snapshotId: snap.id })) });
        await tx.checkRun.createMany({ data: evaluation.coverage.map((c) => ({ ...c, scanId: scan.id })) });
        // A failed scan read nothing trustworthy: it opens and resolves nothing.
        const lifecycle =
          collected.status === "failed"
            ? { opened: 0, resolved: 0, undecided: 0 }
            : await updateFindings(tx, {
                scanId: scan.id,
                now,
                evaluation,
                scope: collected.status === "complete" ? "complete" : "partial",
              });
        // Only a scan still running is settled here: one failed meanwhile (lost lease, shutdown) rolls all of this back.
        const settled = await tx.scan.updateMany({
          where: { id: scan.id, status: "running" },
          data: {
            status: collected.status,
            finishedAt: new Date(),
            stage: "done",
            progress: 1,
            errors: [
              ...collected.snapshot.errors,
              ...baselineProblem,
              ...evaluation.errors.map((e) => ({ source: "rules", scope: e.check, message: e.message })),
            ] as object,
            counts: {
              findings: evaluation.findings.length,
              rooms: rows.rooms.length,
              devices: rows.devices.length,
              endpoints: collected.snapshot.mesh?.endpoints.length ?? 0,
              matrixRequests: collected.matrixRequests ?? 0,
              durationMs,
              ...lifecycle,
            },
          },
        });
        if (settled.count !== 1) throw new ScanAbandonedError(scan.id);
      },
      { timeout: 120_000 },
    );
    // What made a scan partial belongs in the log too (already redacted of the configured secrets and by shape).
    const errors = collected.snapshot.errors.slice(0, 20).map((e) => `${e.source} ${e.scope}: ${e.message}`.slice(0, 500));
    scanLog.info(
      {
        status: collected.status,
        durationMs: Date.now() - started,
        // The record holds the database (PGlite: the server's thread too); the collection before it does not.
        recordMs: Date.now() - recordStarted,
        findings: evaluation.findings.length,
        errors,
      },
      "scan recorded",
    );
    await afterScan(db, scan.id); // queues scoring + alerts only; never throws, never waits on a receiver
    return { scanId: scan.id, collected, evaluation, durationMs };
  } catch (err) {
    const message = redact(failureReason(err, lastStage), [config.homeserver?.accessToken, config.mesh?.clientKeyPem]);
    // Conditional: a scan already failed by recovery keeps the reason recovery gave. Retried: the failure may be the
    // database itself (PostgreSQL restarting), and a row left "running" would wait a lease for recovery.
    await retryWrite(() =>
      db.scan.updateMany({
        where: { id: scan.id, status: "running" },
        data: { status: "failed", finishedAt: new Date(), stage: "failed", errors: [{ source: "vigil", scope: "scan", message }] },
      }),
    ).catch((dbErr: unknown) =>
      scanLog.error({ err: dbErr }, "could not record the scan as failed; recovery will, once the database answers"),
    );
    scanLog.error({ durationMs: Date.now() - started, error: message }, "scan failed");
    throw err;
  }
}

/**
 * What a failed scan's record says. A database error while the scan was recorded (a restart, a lost connection) is
 * said as such, with the driver's last line (Prisma's message opens with the call site, which helps nobody reading
 * a scan), so the Overview tells the truth: the scan read everything and could not keep it.
 */
function failureReason(err: unknown, stage: string): string {
  const text = err instanceof Error ? err.message : String(err);
  if (!(err instanceof Error) || !/^Prisma|^DriverAdapterError/.test(err.name)) return text;
  const cause = text.trim().split("\n").at(-1)?.trim() ?? text;
  const when = stage === "record" ? "while the scan was being recorded" : `at the scan's ${stage || "start"} stage`;
  return `the database failed ${when}: ${cause.slice(0, 500)}; nothing of this scan was kept`;
}
