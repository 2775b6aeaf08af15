import "server-only";
import type { Prisma } from "../../generated/prisma/client";

/** A change to a user that was refused for a reason the admin can act on (not a failure). */
export class UserChangeRefused extends Error {}

/**
 * Inside the change's transaction: refuses when `userId` is the last enabled
 * admin and the change would remove, disable or demote them. The enabled
 * admins' rows are locked first, so two admins demoting each other at the same
 * moment cannot both succeed and leave nobody able to manage Vigil.
 */
export async function keepOneAdmin(tx: Prisma.TransactionClient, userId: string, change: string): Promise<void> {
  const admins = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "User" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
  if (admins.length <= 1 && admins.some((a) => a.id === userId)) {
    throw new UserChangeRefused(
      `Refused: this is the last enabled admin, and ${change} would leave nobody able to manage Vigil. Make another user admin first.`,
    );
  }
}

/** The user as a change needs it, or a refusal naming what was asked for. */
export async function findUserForChange(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabled: true } });
  if (!user) throw new UserChangeRefused("That user no longer exists.");
  return user;
}
