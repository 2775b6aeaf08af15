"use server";
import { guardedYamlAction, type YamlFormState } from "../versioned-yaml/form-state";
import { loadRegistryFromFiles, saveRegistryVersion } from "@/lib/settings/registry-versions";

/** Imports registry YAML as the active version; invalid YAML keeps the previous registry in force. */
export async function importRegistryAction(_prev: YamlFormState, form: FormData): Promise<YamlFormState> {
  const yaml = form.get("yaml");
  return guardedYamlAction("/settings/registry", "registry", async (actor) => {
    const saved = await saveRegistryVersion(typeof yaml === "string" ? yaml : "", "ui", actor);
    if (!saved.ok) return { ok: false, message: `Not imported — the previous registry stays in force.\n${saved.error}` };
    return {
      ok: true,
      message: saved.changed ? "Imported: this registry is now in force." : "No change: this is already the registry in force.",
    };
  });
}

/** "Load from files": the configured registry files become the active version. */
export async function loadRegistryFromFilesAction(_prev: YamlFormState): Promise<YamlFormState> {
  return guardedYamlAction("/settings/registry", "registry:load-files", async (actor) => {
    const saved = await loadRegistryFromFiles(actor);
    return saved.ok
      ? { ok: true, message: "Loaded from the files: they are now in force." }
      : { ok: false, message: `Not loaded — the previous registry stays in force.\n${saved.error}` };
  });
}
