import type { Prisma } from "../../generated/prisma/client";
import { getDb } from "../db";

/**
 * Ends every session of a user at once, on every device: sessions carry the
 * version they were issued under, and getActor refuses any other. Pass the
 * transaction when the change that warrants it (a new role, a new password)
 * is made in one, so both land or neither does.
 */
export async function revokeSessions(userId: string, tx: Pick<Prisma.TransactionClient, "user"> = getDb()): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
