import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { findUserForChange } from "./user-change";

export const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Keep the password under 1024 characters.");

/** Sets a new password (hashed before the transaction: argon2 is slow) and ends every session the old one opened. */
export async function resetUserPassword(userId: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(NewPassword.parse(password));
  return getDb().$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return { email: user.email };
  });
}
