/**
 * The database side of an evidence bundle: scope, matrix inputs and paged
 * row iterators over the Prisma client. Takes the client as a parameter (no
 * "server-only") so tests and scripts can use it; the app passes getDb().
 */
import type { z } from "zod";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { allChecks } from "../rules/catalogue";
import { describeIssues, UnreadableSnapshotError } from "../snapshot/read-snapshot";
import { DeviceSchema, UserSchema } from "../snapshot/schema";
import { SEVERITIES, type Framework, type Severity } from "../rules/types";
import { buildControlMatrix, type CheckCoverageInput, type CheckFindingsInput, type ExceptionRef } from "./control-matrix";
import { policyIdentity, resolveScope, systemIdentity, vigilVersion, type ExportRequest } from "./scope";
import type { EvidenceSource, FindingRecord } from "./source";

const PAGE = 1000;
const LIST_LIMIT = 100;
const REPORT_FINDINGS = 200;

export interface SourceOptions {
  request: ExportRequest;
  frameworks: Framework[];
  generatedBy: string;
  generatedAt?: Date;
  /** Mesh CA PEM when the stored connection does not hold it (CLI, tests). */
  caPem?: string;
}

type FindingRow = Prisma.FindingGetPayload<object>;

function toRecord(f: FindingRow): FindingRecord {
  return {
    key: f.key,
    check: f.check,
    severity: f.severity,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    subjectLabel: f.subjectLabel,
    detail: f.detail,
    status: f.status,
    firstSeenAt: f.firstSeenAt.toISOString(),
    lastSeenAt: f.lastSeenAt.toISOString(),
    acceptedReason: f.acceptedReason,
    acceptedBy: f.acceptedBy,
    acceptedAt: f.acceptedAt?.toISOString() ?? null,
    acceptedUntil: f.acceptedUntil?.toISOString() ?? null,
    evidence: f.evidence,
  };
}

function toException(f: FindingRow): ExceptionRef {
  const r = toRecord(f);
  return { ...r, reason: f.acceptedReason ?? "", owner: f.acceptedBy ?? "", acceptedAt: r.acceptedAt, expires: r.acceptedUntil };
}

/** Pages through any model by id so memory holds one page at a time. */
async function* paged<T extends { id: string }>(page: (cursor: string | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await page(cursor);
    yield* rows;
    if (rows.length < PAGE) return;
    cursor = rows.at(-1)?.id;
  }
}
const after = (cursor: string | undefined) => (cursor ? { id: { gt: cursor } } : {});
/** One page in id order: what `paged` walks. */
const inOrder = { orderBy: { id: "asc" }, take: PAGE } as const;

/**
 * Public key material from the snapshot JSON, paged in SQL so the snapshot is never loaded whole.
 * Each element is checked by the snapshot schema's own user and device parts; one that fails is
 * listed as unreadable, with where and why, rather than left out of the inventory unsaid.
 */
async function* keysOf(db: PrismaClient, snapshotId: string): AsyncGenerator<unknown> {
  for (const list of ["users", "devices"] as const) {
    for (let idx = 0; ; idx += PAGE) {
      const rows = await db.$queryRaw<{ elem: unknown }[]>`
        SELECT t.elem
        FROM "Snapshot" s, jsonb_array_elements(COALESCE(s.data->'matrix'->${list}, '[]'::jsonb)) WITH ORDINALITY AS t(elem, n)
        WHERE s.id = ${snapshotId} AND t.n > ${idx} ORDER BY t.n LIMIT ${PAGE}`;
      for (const [i, { elem }] of rows.entries()) {
        const at = `matrix.${list}.${idx + i}`;
        const unreadable = (error: z.ZodError) => {
          const reason = new UnreadableSnapshotError(snapshotId, `${at}: ${describeIssues(error)}`).message;
          return { kind: "unreadable", at, reason };
        };
        if (list === "users") {
          const u = UserSchema.safeParse(elem);
          if (!u.success) yield unreadable(u.error);
          else
            yield {
              kind: "user-cross-signing",
              userId: u.data.userId,
              ...u.data.crossSigning,
              verifiedByAuditor: u.data.verifiedByAuditor,
            };
        } else {
          const d = DeviceSchema.safeParse(elem);
          if (!d.success) yield unreadable(d.error);
          else yield { kind: "device", userId: d.data.userId, deviceId: d.data.deviceId, trust: d.data.trust, ...d.data.keys };
        }
      }
      if (rows.length < PAGE) break;
    }
  }
}

/** Builds the EvidenceSource for an export request. Throws NoEvidenceError when the scope has no scans. */
export async function evidenceSourceFromDb(db: PrismaClient, opts: SourceOptions): Promise<EvidenceSource> {
  const scope = await resolveScope(db, opts.request);
  const { period, inventory } = scope;
  // A finding belongs to the scope when it was failing at some point inside it.
  const findingWhere: Prisma.FindingWhereInput = { firstSeenAt: { lte: period.to }, lastSeenAt: { gte: period.from } };

  const runs = await db.checkRun.findMany({ where: { scanId: { in: scope.scanIds } } });
  const order = new Map(scope.scanIds.map((id, i) => [id, i]));
  const coverage = new Map<string, CheckCoverageInput & { at: number }>();
  for (const r of runs) {
    const at = order.get(r.scanId) ?? -1;
    const prev = coverage.get(r.check);
    const scans = (prev?.scans ?? 0) + 1;
    if (!prev || at > prev.at) {
      coverage.set(r.check, { check: r.check, examined: r.examined, passed: r.passed, failed: r.failed, unknown: r.unknown, scans, at });
    } else prev.scans = scans;
  }

  const groups = await db.finding.groupBy({ by: ["check", "status"], where: findingWhere, _count: { _all: true } });
  const findingsInput: CheckFindingsInput[] = [];
  for (const check of new Set(groups.map((g) => g.check))) {
    const count = (accepted: boolean) =>
      groups.filter((g) => g.check === check && (g.status === "accepted") === accepted).reduce((n, g) => n + g._count._all, 0);
    const [failing, exceptions] = await Promise.all([
      db.finding.findMany({
        where: { ...findingWhere, check, status: { not: "accepted" } },
        orderBy: [{ severity: "asc" }, { key: "asc" }],
        take: LIST_LIMIT,
      }),
      db.finding.findMany({ where: { ...findingWhere, check, status: "accepted" }, orderBy: { key: "asc" }, take: LIST_LIMIT }),
    ]);
    findingsInput.push({
      check,
      failingCount: count(false),
      failing: failing.map(toRecord),
      exceptionsCount: count(true),
      exceptions: exceptions.map(toException),
    });
  }
  const matrix = buildControlMatrix({
    checks: allChecks.map((c) => c.meta),
    frameworks: opts.frameworks,
    coverage: [...coverage.values()],
    findings: findingsInput,
    listLimit: LIST_LIMIT,
  });

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const severityGroups = await db.finding.groupBy({ by: ["severity"], where: findingWhere, _count: { _all: true } });
  for (const g of severityGroups) bySeverity[g.severity] = g._count._all;
  const snapshotId = inventory.snapshotId;
  const [rooms, devices, certificates, reportRows, policy, identity] = await Promise.all([
    db.roomRow.count({ where: { snapshotId } }),
    db.deviceRow.count({ where: { snapshotId } }),
    db.certificateRow.count({ where: { snapshotId } }),
    db.finding.findMany({ where: findingWhere, orderBy: [{ severity: "asc" }, { check: "asc" }, { key: "asc" }], take: REPORT_FINDINGS }),
    policyIdentity(db),
    systemIdentity(db, snapshotId, opts.caPem),
  ]);

  return {
    meta: {
      vigilVersion: vigilVersion(),
      generatedAt: opts.generatedAt ?? new Date(),
      generatedBy: opts.generatedBy,
      scope: opts.request.scope,
      period,
      frameworks: opts.frameworks,
      scans: scope.scans,
      inventorySnapshot: { scanId: inventory.scanId, takenAt: inventory.takenAt.toISOString() },
      policy,
      ...identity,
    },
    matrix,
    summary: {
      rooms,
      devices,
      certificates,
      findings: Object.values(bySeverity).reduce((a, b) => a + b, 0),
      findingsBySeverity: bySeverity,
      exceptions: groups.filter((g) => g.status === "accepted").reduce((n, g) => n + g._count._all, 0),
    },
    reportFindings: reportRows.map(toRecord),
    rooms: () => paged((c) => db.roomRow.findMany({ where: { snapshotId, ...after(c) }, ...inOrder, omit: { snapshotId: true } })),
    devices: () => paged((c) => db.deviceRow.findMany({ where: { snapshotId, ...after(c) }, ...inOrder, omit: { snapshotId: true } })),
    certificates: () =>
      paged((c) => db.certificateRow.findMany({ where: { snapshotId, ...after(c) }, ...inOrder, omit: { snapshotId: true } })),
    keys: () => keysOf(db, snapshotId),
    findings: async function* () {
      for await (const f of paged((c) => db.finding.findMany({ where: { ...findingWhere, ...after(c) }, ...inOrder }))) yield toRecord(f);
    },
    auditLog: () => paged((c) => db.auditLog.findMany({ where: { at: { gte: period.from, lte: period.to }, ...after(c) }, ...inOrder })),
  };
}
