import "server-only";
import { getDb } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit/log";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";

/** True while Vigil has no user at all: the only time /setup is open. */
export const needsSetup = async (): Promise<boolean> => (await getDb().user.count()) === 0;

/**
 * Creates the first admin — from VIGIL_ADMIN_EMAIL/VIGIL_ADMIN_PASSWORD at
 * start, or from the /setup form. A one-time step: refused once any user exists,
 * checked inside the transaction so two racing requests cannot both win.
 */
export async function createFirstAdmin(email: string, password: string, name = "Administrator"): Promise<boolean> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  const passwordHash = await hashPassword(password);
  const created = await getDb().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data: { email: email.toLowerCase(), name, passwordHash, role: "admin" } });
  });
  if (created) {
    await recordAudit({ actor: { id: created.id, email: created.email }, action: "users.create-first-admin", target: created.email, outcome: "ok" });
  }
  return !!created;
}

export async function createFirstAdminFromEnv(): Promise<void> {
  const { VIGIL_ADMIN_EMAIL: email, VIGIL_ADMIN_PASSWORD: password } = env();
  if (email && password && (await needsSetup())) await createFirstAdmin(email, password);
}
