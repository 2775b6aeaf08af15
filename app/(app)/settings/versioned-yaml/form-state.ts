import "server-only";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";

/** What the policy and registry forms show after an action: a message, and when it was said. */
export interface YamlFormState {
  ok?: boolean;
  message?: string;
  at?: number;
}

/** Runs a settings change as the signed-in admin (audited), refreshes `page`, and turns a refusal or failure into a message. */
export async function guardedYamlAction(
  page: string,
  target: string,
  fn: (actor: string) => Promise<YamlFormState>,
): Promise<YamlFormState> {
  try {
    const state = await perform("settings.update", target, (actor) => fn(actor.email));
    revalidatePath(page);
    return { ...state, at: Date.now() };
  } catch (err) {
    return { ok: false, message: (err as Error).message, at: Date.now() };
  }
}
