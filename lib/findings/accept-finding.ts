import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";

/** Accepting a risk needs a reason a reviewer can judge, an owner, and an end date. */
export const AcceptFindingInput = z.object({
  reason: z.string().trim().min(10, "Give a reason of at least 10 characters: why is this risk acceptable?").max(2000),
  owner: z.string().trim().min(1, "Name the owner of this exception.").max(200),
  until: z.coerce
    .date({ error: "Give the date the acceptance ends." })
    .refine((d) => d.getTime() > Date.now(), "The acceptance must end in the future.")
    .refine((d) => d.getTime() <= Date.now() + 366 * 24 * 3600 * 1000, "Accept for at most a year; review it then."),
});
export type AcceptFindingInput = z.infer<typeof AcceptFindingInput>;

/** The latest end date the form offers (a year from now), as yyyy-mm-dd. */
export const maxAcceptanceDate = (now = new Date()): string => new Date(now.getTime() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);

export class FindingStateError extends Error {}

/**
 * Marks an open finding accepted until a date. The next scan after that date
 * reopens it (lib/findings/update-findings.ts). Resolved findings cannot be accepted.
 */
export async function acceptFinding(db: PrismaClient, id: string, input: AcceptFindingInput, actor: string) {
  const finding = await db.finding.findUnique({ where: { id } });
  if (!finding) throw new FindingStateError("No such finding.");
  if (finding.status === "resolved") throw new FindingStateError("This finding is resolved; there is nothing to accept.");
  return db.finding.update({
    where: { id },
    data: {
      status: "accepted",
      acceptedReason: input.reason,
      acceptedBy: `${input.owner} (accepted by ${actor})`,
      acceptedAt: new Date(),
      acceptedUntil: input.until,
    },
  });
}

/** Withdraws an acceptance: the finding is open again at once. */
export async function reopenFinding(db: PrismaClient, id: string) {
  const finding = await db.finding.findUnique({ where: { id } });
  if (!finding) throw new FindingStateError("No such finding.");
  if (finding.status !== "accepted") throw new FindingStateError("Only an accepted finding can be reopened.");
  return db.finding.update({ where: { id }, data: { status: "open", acceptedUntil: null } });
}
