"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { createUser, CreateUserInput } from "@/lib/users/create-user";

export type UserActionState = { ok?: boolean; error?: string; message?: string };

export async function createUserAction(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const parsed = CreateUserInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const user = await perform("users.manage", parsed.data.email, () => createUser(parsed.data));
    revalidatePath("/settings/users");
    return { ok: true, message: `Added ${user.email} as ${user.role}.` };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
