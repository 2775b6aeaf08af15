"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { acceptFinding, AcceptFindingInput, reopenFinding } from "@/lib/findings/accept-finding";

/** `values` echoes what was typed, so a refused form keeps it (React resets forms after an action). */
export type AcceptState = { ok?: boolean; error?: string; message?: string; values?: Record<"reason" | "owner" | "until", string> };

/** Accept a finding with a reason, an owner and an end date (auditor role, audited). */
export async function acceptFindingAction(id: string, _prev: AcceptState, form: FormData): Promise<AcceptState> {
  const values = {
    reason: String(form.get("reason") ?? ""),
    owner: String(form.get("owner") ?? ""),
    until: String(form.get("until") ?? ""),
  };
  const parsed = AcceptFindingInput.safeParse(values);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input.", values };
  try {
    await perform("finding.accept", id, (actor) => acceptFinding(getDb(), id, parsed.data, actor.email));
  } catch (err) {
    return { error: (err as Error).message, values };
  }
  revalidatePath(`/findings/${id}`);
  return { ok: true, message: `Accepted until ${parsed.data.until.toISOString().slice(0, 10)}.` };
}

export async function reopenFindingAction(id: string): Promise<AcceptState> {
  try {
    await perform("finding.accept", id, () => reopenFinding(getDb(), id));
  } catch (err) {
    return { error: (err as Error).message };
  }
  revalidatePath(`/findings/${id}`);
  return { ok: true, message: "The finding is open again." };
}
