"use server";
import { readFileSync } from "node:fs";
import path from "node:path";
import { guardedYamlAction, type YamlFormState } from "../versioned-yaml/form-state";
import { policyFilePath, savePolicyVersion, writeActivePolicyToFile } from "@/lib/settings/policy-versions";

/** Saves the edited YAML as the active version; invalid YAML keeps the previous version in force. */
export async function savePolicyAction(_prev: YamlFormState, form: FormData): Promise<YamlFormState> {
  const yaml = form.get("yaml");
  return guardedYamlAction("/settings/policy", "policy", async (actor) => {
    const saved = await savePolicyVersion(typeof yaml === "string" ? yaml : "", "ui", actor);
    if (!saved.ok) return { ok: false, message: `Not saved — the previous policy stays in force.\n${saved.error}` };
    return { ok: true, message: saved.changed ? "Saved: this policy is now in force." : "No change: this is already the policy in force." };
  });
}

/** "Load from file": the file's content becomes the active version. */
export async function loadPolicyFromFileAction(_prev: YamlFormState): Promise<YamlFormState> {
  return guardedYamlAction("/settings/policy", "policy:load-file", async (actor) => {
    const file = await policyFilePath();
    if (!file) return { ok: false, message: "No policy file is configured (vigil.config.yaml `policy:`)." };
    const saved = await savePolicyVersion(readFileSync(file, "utf8"), "file", `${actor} (from ${path.basename(file)})`, file);
    return saved.ok
      ? { ok: true, message: `Loaded ${path.basename(file)}: it is now in force.` }
      : { ok: false, message: `Not loaded — the previous policy stays in force.\n${saved.error}` };
  });
}

/** "Write to file": the active version is written over the policy file. */
export async function writePolicyToFileAction(_prev: YamlFormState): Promise<YamlFormState> {
  return guardedYamlAction("/settings/policy", "policy:write-file", async () => {
    await writeActivePolicyToFile();
    return { ok: true, message: "Written: the file now matches the policy in force." };
  });
}
