"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createFirstAdmin } from "@/lib/auth/first-admin";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

const SetupInput = z.object({
  email: z.email("Enter a valid email address."),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
});

/** Public by necessity (no user exists yet); createFirstAdmin refuses once anyone does. */
export async function setupFirstAdmin(_prev: { error?: string }, form: FormData): Promise<{ error?: string }> {
  const parsed = SetupInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input." };
  const created = await createFirstAdmin(parsed.data.email, parsed.data.password, parsed.data.name);
  if (!created) return { error: "Setup is already done. Sign in instead." };
  redirect("/signin");
}
