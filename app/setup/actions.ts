"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestSource } from "@/lib/audit/source";
import { setupFirstAdmin } from "@/lib/auth/first-admin";

/**
 * Public by necessity (no user exists yet), so it asks for the one-time token
 * the server printed to its log at start; setupFirstAdmin refuses once anyone exists.
 */
export async function setupFirstAdminAction(_prev: { error?: string }, form: FormData): Promise<{ error?: string }> {
  const result = await setupFirstAdmin(Object.fromEntries(form), requestSource(await headers()));
  if (!result.ok) return { error: result.error };
  redirect("/signin");
}
