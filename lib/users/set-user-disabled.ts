import "server-only";
import { getDb } from "../db";
import { keepOneAdmin, findUserForChange } from "./user-change";

/** Disables (or re-enables) a user. Disabling ends their sessions at once; a disabled user cannot sign in. */
export async function setUserDisabled(userId: string, disabled: boolean): Promise<{ email: string }> {
  return getDb().$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    if (disabled && user.role === "admin") await keepOneAdmin(tx, userId, "disabling them");
    await tx.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
    return { email: user.email };
  });
}
