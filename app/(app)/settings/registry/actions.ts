"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { loadRegistryFromFiles, saveRegistryVersion } from "@/lib/registry/versions";

export interface RegistryFormState {
  ok?: boolean;
  message?: string;
  at?: number;
}

async function guarded(target: string, fn: (actor: string) => Promise<RegistryFormState>): Promise<RegistryFormState> {
  try {
    const state = await perform("settings.update", target, (actor) => fn(actor.email));
    revalidatePath("/settings/registry");
    return { ...state, at: Date.now() };
  } catch (err) {
    return { ok: false, message: (err as Error).message, at: Date.now() };
  }
}

/** Imports registry YAML as the active version; invalid YAML keeps the previous registry in force. */
export async function importRegistryAction(_prev: RegistryFormState, form: FormData): Promise<RegistryFormState> {
  const yaml = form.get("yaml");
  return guarded("registry", async (actor) => {
    const saved = await saveRegistryVersion(typeof yaml === "string" ? yaml : "", "ui", actor);
    if (!saved.ok) return { ok: false, message: `Not imported — the previous registry stays in force.\n${saved.error}` };
    return { ok: true, message: saved.changed ? "Imported: this registry is now in force." : "No change: this is already the registry in force." };
  });
}

/** "Load from files": the configured registry files become the active version. */
export async function loadRegistryFromFilesAction(_prev: RegistryFormState): Promise<RegistryFormState> {
  return guarded("registry:load-files", async (actor) => {
    const saved = await loadRegistryFromFiles(actor);
    return saved.ok ? { ok: true, message: "Loaded from the files: they are now in force." } : { ok: false, message: `Not loaded — the previous registry stays in force.\n${saved.error}` };
  });
}
