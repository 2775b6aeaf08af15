"use client";
import { useActionState } from "react";
import { importRegistryAction, loadRegistryFromFilesAction } from "./actions";
import { FormMessage } from "../versioned-yaml/form-message";

export function RegistryEditor({ yaml, editable }: { yaml: string; editable: boolean }) {
  const [state, action, pending] = useActionState(importRegistryAction, {});
  return (
    <form action={action} className="flex flex-col gap-2">
      <label htmlFor="registry-yaml" className="text-sm font-medium">
        Registry YAML (agents, allowedMembers)
      </label>
      <textarea
        id="registry-yaml"
        name="yaml"
        defaultValue={yaml}
        readOnly={!editable}
        spellCheck={false}
        wrap="off"
        rows={24}
        className="mono w-full rounded border border-zinc-300 bg-white p-2 text-xs dark:border-zinc-700 dark:bg-zinc-950"
      />
      {editable && (
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Importing…" : "Validate and import"}
          </button>
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}

export function LoadFromFiles() {
  const [state, action, pending] = useActionState(loadRegistryFromFilesAction, {});
  return (
    <div className="mt-2 flex flex-col gap-2">
      <form action={action}>
        <button type="submit" className="btn" disabled={pending}>
          Load from files
        </button>
      </form>
      <FormMessage state={state} />
    </div>
  );
}
