import "server-only";
import { getDb } from "../db";
import type { Role } from "../auth/permissions";
import { keepOneAdmin, findUserForChange } from "./user-change";

/** Gives a user another role and ends their sessions (the new role applies from their next sign-in, everywhere). */
export async function changeUserRole(userId: string, role: Role): Promise<{ email: string; from: Role; to: Role }> {
  return getDb().$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    if (user.role === "admin" && role !== "admin") await keepOneAdmin(tx, userId, "demoting them");
    await tx.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } });
    return { email: user.email, from: user.role, to: role };
  });
}
