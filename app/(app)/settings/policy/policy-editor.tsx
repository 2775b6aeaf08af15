"use client";
import { useActionState } from "react";
import { loadPolicyFromFileAction, savePolicyAction, writePolicyToFileAction } from "./actions";
import { FormMessage } from "../versioned-yaml/form-message";

/** The YAML editor: validated on the server, where the line and key of any error are named. */
export function PolicyEditor({ yaml, editable }: { yaml: string; editable: boolean }) {
  const [state, action, pending] = useActionState(savePolicyAction, {});
  return (
    <form action={action} className="flex flex-col gap-2">
      <label htmlFor="policy-yaml" className="text-sm font-medium">
        policy.yaml
      </label>
      <textarea
        id="policy-yaml"
        name="yaml"
        defaultValue={yaml}
        readOnly={!editable}
        spellCheck={false}
        wrap="off"
        rows={28}
        className="mono w-full rounded border border-zinc-300 bg-white p-2 text-xs dark:border-zinc-700 dark:bg-zinc-950"
      />
      {editable && (
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Validate and save"}
          </button>
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}

/** The two ways out of a file/UI disagreement. */
export function FileSyncButtons({ writable }: { writable: boolean }) {
  const [loadState, load, loading] = useActionState(loadPolicyFromFileAction, {});
  const [writeState, write, writing] = useActionState(writePolicyToFileAction, {});
  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="flex gap-2">
        <form action={load}>
          <button type="submit" className="btn" disabled={loading}>
            Load from file
          </button>
        </form>
        {writable && (
          <form action={write}>
            <button type="submit" className="btn" disabled={writing}>
              Write to file
            </button>
          </form>
        )}
      </div>
      <FormMessage state={loadState} />
      <FormMessage state={writeState} />
    </div>
  );
}
