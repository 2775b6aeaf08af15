import "server-only";
import { getDb } from "../db";
import { keepOneAdmin, findUserForChange } from "./user-change";

/**
 * Deletes a user; their sessions die with the row. The audit log keeps what
 * they did (actorId is deliberately not a foreign key).
 */
export async function deleteUser(userId: string): Promise<{ email: string }> {
  return getDb().$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    if (user.role === "admin" && !user.disabled) await keepOneAdmin(tx, userId, "deleting them");
    await tx.user.delete({ where: { id: userId } });
    return { email: user.email };
  });
}
