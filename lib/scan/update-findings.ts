import type { PrismaClient } from "../../generated/prisma/client";
import { findingKey, type CheckResult, type Finding } from "../rules/types";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * The findings lifecycle for one scan. A failing subject opens (or keeps open)
 * its finding; an accepted one stays accepted until its acceptance lapses. A
 * finding is resolved only on positive proof: this scan examined the subject
 * and it passed — or the scan was complete and the subject is gone. A partial
 * scan never resolves what it did not see.
 */
export async function updateFindings(
  tx: Tx,
  scanId: string,
  now: Date,
  findings: Finding[],
  results: { check: string; result: CheckResult }[],
  complete: boolean,
) {
  const failing = new Map(findings.map((f) => [findingKey(f), f]));
  const passed = new Set(results.filter((r) => r.result.status === "pass").map((r) => findingKey({ check: r.check, subject: r.result.subject })));
  const existing = await tx.finding.findMany({ where: { status: { in: ["open", "accepted"] } } });

  let resolved = 0;
  for (const row of existing) {
    if (failing.has(row.key)) continue;
    if (passed.has(row.key) || complete) {
      await tx.finding.update({ where: { id: row.id }, data: { status: "resolved", resolvedAt: now, lastScanId: scanId } });
      resolved++;
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
  return { opened, resolved };
}
