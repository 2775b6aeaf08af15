import type { PrismaClient } from "../../generated/prisma/client";
import { isDeepStrictEqual } from "node:util";
import { checksThatRan, type Evaluation } from "../rules/evaluate";
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
  const stillOpen = { in: ["open" as const, "accepted" as const] };

  // Only a check that ran or gave a result can settle its findings; the others' are undecided by this scan, counted
  // but not read (a mesh-only scan read all 6,689 open findings, every scan, on the server's thread: bench/load).
  const decidable = [...new Set([...checksThatRan(evaluation), ...evaluation.results.map((r) => r.check)])];
  const existing = await tx.finding.findMany({
    where: { status: stillOpen, check: { in: decidable } },
    select: { id: true, key: true, check: true },
  });
  const settled = existing.map((row) => ({ id: row.id, settlement: settle(row) }));
  const toResolve = settled.filter((r) => r.settlement === "resolved").map((r) => r.id);
  const undecided =
    settled.filter((r) => r.settlement === "undecided").length +
    (await tx.finding.count({ where: { status: stillOpen, check: { notIn: decidable } } }));
  for (const ids of chunks(toResolve)) {
    await tx.finding.updateMany({ where: { id: { in: ids } }, data: { status: "resolved", resolvedAt: now, lastScanId: scanId } });
  }

  let opened = 0;
  const seenAgain: string[] = []; // open or accepted as before, nothing changed but when they were seen
  for (const keys of chunks([...failing.keys()])) {
    const priors = new Map((await tx.finding.findMany({ where: { key: { in: keys } } })).map((p) => [p.key, p]));
    for (const key of keys) {
      const f = failing.get(key)!;
      const prior = priors.get(key);
      const stillAccepted = prior?.status === "accepted" && (!prior.acceptedUntil || prior.acceptedUntil > now);
      const data = {
        severity: f.severity,
        subjectLabel: f.subject.label?.slice(0, 500) ?? null,
        detail: f.detail,
        // As stored: JSON drops undefined, so a comparison with the stored row sees the same value.
        evidence: JSON.parse(JSON.stringify(f.evidence ?? {})) as object,
        lastSeenAt: now,
        lastScanId: scanId,
        status: stillAccepted ? ("accepted" as const) : ("open" as const),
        resolvedAt: null,
      };
      if (!prior) {
        await tx.finding.create({
          data: { key, check: f.check, subjectType: f.subject.type, subjectId: f.subject.id, firstSeenAt: now, ...data },
        });
        opened++;
      } else if (
        prior.status === data.status &&
        prior.severity === data.severity &&
        prior.subjectLabel === data.subjectLabel &&
        prior.detail === data.detail &&
        isDeepStrictEqual(prior.evidence, data.evidence)
      ) {
        seenAgain.push(prior.id);
      } else {
        await tx.finding.update({ where: { key }, data });
        if (prior.status === "resolved") opened++;
      }
    }
  }
  for (const ids of chunks(seenAgain)) {
    await tx.finding.updateMany({ where: { id: { in: ids } }, data: { lastSeenAt: now, lastScanId: scanId } });
  }
  return { opened, resolved: toResolve.length, undecided };
}

/** Lists of ids or keys short enough for one statement's parameters. */
function chunks<T>(list: T[], size = 5_000): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}
