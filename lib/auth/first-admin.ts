import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit/log";
import type { RequestSource } from "../audit/source";
import { singleLine } from "../security/text";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import { issueSetupToken, retireSetupToken, setupTokenMatches } from "./setup-token";

/** True while Vigil has no user at all: the only time /setup is open. */
export const needsSetup = async (): Promise<boolean> => (await getDb().user.count()) === 0;

/**
 * Creates the first admin — from VIGIL_ADMIN_EMAIL/VIGIL_ADMIN_PASSWORD at
 * start, or from the /setup form. A one-time step: refused once any user exists,
 * checked inside the transaction so two racing requests cannot both win.
 */
export async function createFirstAdmin(email: string, password: string, name = "Administrator", source?: RequestSource): Promise<boolean> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  const passwordHash = await hashPassword(password);
  const created = await getDb().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data: { email: email.toLowerCase(), name, passwordHash, role: "admin" } });
  });
  if (created) {
    const actor = { id: created.id, email: created.email };
    await recordAudit({ actor, action: "users.create-first-admin", target: created.email, outcome: "ok", source });
  }
  return !!created;
}

export async function createFirstAdminFromEnv(): Promise<void> {
  const { VIGIL_ADMIN_EMAIL: email, VIGIL_ADMIN_PASSWORD: password } = env();
  if (email && password && (await needsSetup())) await createFirstAdmin(email, password);
}

export const SetupInput = z.object({
  token: z.string("Enter the setup token from the server log.").trim().min(1, "Enter the setup token from the server log."),
  email: z.email("Enter a valid email address.").refine((e) => !/[\u0000-\u001f\u007f]/.test(e), "Enter a valid email address."),
  name: singleLine("a name", 200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
});

export type SetupResult = { ok: true } | { ok: false; error: string };

/** The /setup form: valid input, the one-time token from the server log, and no user yet. */
export async function setupFirstAdmin(raw: unknown, source: RequestSource): Promise<SetupResult> {
  const parsed = SetupInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  if (!setupTokenMatches(parsed.data.token)) {
    const detail = { reason: "wrong setup token" };
    await recordAudit({ actor: null, action: "users.create-first-admin", target: parsed.data.email, outcome: "denied", detail, source });
    return { ok: false, error: "That is not the setup token. Copy it from the server log (the line starting with [setup])." };
  }
  const { email, password, name } = parsed.data;
  if (!(await createFirstAdmin(email, password, name, source))) return { ok: false, error: "Setup is already done. Sign in instead." };
  retireSetupToken();
  return { ok: true };
}

/** At start: while no user exists, print the one-time token that opens /setup. */
export async function announceSetupToken(log: (line: string) => void = console.warn): Promise<void> {
  if (!(await needsSetup())) {
    retireSetupToken();
    return;
  }
  const token = issueSetupToken();
  log(`[setup] Vigil has no administrator yet. Open /setup and enter this one-time setup token: ${token}`);
}
