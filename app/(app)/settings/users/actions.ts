"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ConfirmResult } from "@/components/ui/confirm-dialog";
import { perform } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser, CreateUserInput, DuplicateUserError } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { NewPassword, resetUserPassword } from "@/lib/users/reset-user-password";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { UserChangeRefused } from "@/lib/users/user-change";

export type UserActionState = { ok?: boolean; error?: string; message?: string; at?: number };

const PATH = "/settings/users";
const UserId = z.string().regex(/^[a-z0-9]{8,40}$/, "That is not a user id.");

/**
 * Every change goes through perform("users.manage"): admin only, audited
 * before it runs and settled with what happened. A refusal the admin can act
 * on (the last admin, a user already gone) comes back as ok:false, which the
 * audit log records as refused; anything else as the message perform allows.
 */
async function manage(target: string, fn: () => Promise<string>): Promise<UserActionState> {
  try {
    const state = await perform("users.manage", target, async (): Promise<UserActionState> => {
      try {
        return { ok: true, message: await fn() };
      } catch (err) {
        if (err instanceof UserChangeRefused || err instanceof DuplicateUserError) return { ok: false, error: err.message };
        throw err;
      }
    });
    revalidatePath(PATH);
    return { ...state, at: Date.now() };
  } catch (err) {
    return { ok: false, error: (err as Error).message, at: Date.now() };
  }
}

/** "email (what)" for the audit log's target, so the row says whom it was about even after a delete. */
async function describeTarget(userId: string, what: string): Promise<string> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { email: true } });
  return `${user?.email ?? userId} (${what})`;
}

export async function createUserAction(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const parsed = CreateUserInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input." };
  return manage(`${parsed.data.email} (create as ${parsed.data.role})`, async () => {
    const user = await createUser(parsed.data);
    return `Added ${user.email} as ${user.role}.`;
  });
}

export async function changeRoleAction(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const parsed = z
    .object({ id: UserId, role: z.enum(ROLES, "Choose a role: viewer, auditor or admin.") })
    .safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  const { id, role } = parsed.data;
  return manage(await describeTarget(id, `role → ${role}`), async () => {
    const r = await changeUserRole(id, role);
    return r.from === r.to
      ? `${r.email} is already ${r.to}; their sessions were ended anyway.`
      : `${r.email} is now ${r.to} (was ${r.from}); their sessions were ended.`;
  });
}

export async function setDisabledAction(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const parsed = z.object({ id: UserId, disabled: z.enum(["true", "false"]) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  const disabled = parsed.data.disabled === "true";
  return manage(await describeTarget(parsed.data.id, disabled ? "disable" : "enable"), async () => {
    const r = await setUserDisabled(parsed.data.id, disabled);
    return disabled ? `${r.email} is disabled and signed out everywhere.` : `${r.email} can sign in again.`;
  });
}

export async function resetPasswordAction(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const parsed = z.object({ id: UserId, password: NewPassword }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  return manage(await describeTarget(parsed.data.id, "reset password"), async () => {
    const r = await resetUserPassword(parsed.data.id, parsed.data.password);
    return `New password set for ${r.email}; their sessions were ended. Hand it over by a separate channel.`;
  });
}

export async function deleteUserAction(id: unknown): Promise<ConfirmResult> {
  const parsed = UserId.safeParse(id);
  if (!parsed.success) return { ok: false, error: "That is not a user id." };
  const state = await manage(await describeTarget(parsed.data, "delete"), async () => `Deleted ${(await deleteUser(parsed.data)).email}.`);
  return state.ok && state.message ? { ok: true, message: state.message } : { ok: false, error: state.error ?? "Not deleted." };
}
