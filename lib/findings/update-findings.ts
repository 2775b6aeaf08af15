import type { PrismaClient } from "../../generated/prisma/client";
import type { Evaluation } from "../rules/evaluate";
import { findingKey } from "../rules/types";
import { findingSettler, type ScanScope } from "./settle";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface UpdateFindingsOptions {
  scanId: string;
  now: Date;
  /** What the rules said: findings, every result (pass, fail, unknown) and which checks ran to the end. */
  evaluation: Pick<Evaluation, "findings" | "results" | "coverage">;
  /** complete or partial: see ScanScope (settle.ts). */
  scope: ScanScope;
}

export interface FindingsChange {
  opened: number;
  resolved: number;
  /** Open findings this scan could not decide (unknown result, or their check failed): left as they were. */
  undecided: number;
}

/**
 * The findings lifecycle for one scan. A failing subject opens (or keeps open) its
 * finding; an accepted one stays accepted until its acceptance lapses. A finding is
 * resolved only on positive proof: this scan examined the subject and it passed — or the
 * scan was complete, the finding's check ran to the end, and the subject is gone. An
 * unknown result, a check that threw, or a partial scan's silence resolves nothing.
 */
export async function updateFindings(tx: Tx, opts: UpdateFindingsOptions): Promise<FindingsChange> {
  const { scanId, now, evaluation } = opts;
  const settle = findingSettler(evaluation, opts.scope);
  const failing = new Map(evaluation.findings.map((f) => [findingKey(f), f]));
  const existing = await tx.finding.findMany({ where: { status: { in: ["open", "accepted"] } } });

  let resolved = 0;
  let undecided = 0;
  for (const row of existing) {
    const settlement = settle(row);
    if (settlement === "failing") continue;
    if (settlement === "resolved") {
      await tx.finding.update({ where: { id: row.id }, data: { status: "resolved", resolvedAt: now, lastScanId: scanId } });
      resolved++;
    } else {
      undecided++;
    }
  }

  let opened = 0;
  for (const [key, f] of failing) {
    const prior = await tx.finding.findUnique({ where: { key } });
    const stillAccepted = prior?.status === "accepted" && (!prior.acceptedUntil || prior.acceptedUntil > now);
    const data = {
      severity: f.severity,
      subjectLabel: f.subject.label?.slice(0, 500) ?? null,
      detail: f.detail,
      evidence: f.evidence as object,
      lastSeenAt: now,
      lastScanId: scanId,
      status: stillAccepted ? ("accepted" as const) : ("open" as const),
      resolvedAt: null,
    };
    if (prior) {
      await tx.finding.update({ where: { key }, data });
      if (prior.status === "resolved") opened++;
    } else {
      await tx.finding.create({
        data: { key, check: f.check, subjectType: f.subject.type, subjectId: f.subject.id, firstSeenAt: now, ...data },
      });
      opened++;
    }
  }
  return { opened, resolved, undecided };
}
