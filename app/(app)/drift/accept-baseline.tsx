"use client";
import { useActionState, useState } from "react";
import { acceptBaselineAction, type BaselineState } from "./actions";

/** "Accept current state as baseline", behind an explicit confirmation. */
export function AcceptBaseline({
  snapshotId,
  takenAt,
  replaces,
  isBaseline,
}: {
  snapshotId: string;
  takenAt: string;
  replaces?: string;
  isBaseline: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<BaselineState, FormData>(async (prev, form) => {
    const next = await acceptBaselineAction(prev, form);
    setConfirming(false);
    return next;
  }, {});
  return (
    <div className="flex flex-col items-end gap-2">
      {isBaseline ? null : !confirming ? (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Accept current state as baseline
        </button>
      ) : (
        <form action={action} role="group" aria-label="Confirm baseline" className="card flex max-w-md flex-col gap-2 text-sm">
          <input type="hidden" name="snapshotId" value={snapshotId} />
          <p>
            Make the scan of <span className="mono">{takenAt}</span> the baseline?{" "}
            {replaces ? (
              <>
                It replaces the baseline of <span className="mono">{replaces}</span>.{" "}
              </>
            ) : null}
            Drift and MX-IDENTITY-CHANGED will compare against it from now on.
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </button>
            <button type="submit" className="btn-primary" disabled={pending}>
              {pending ? "Accepting…" : "Yes, accept as baseline"}
            </button>
          </div>
        </form>
      )}
      {state.at && (
        <p
          role={state.ok ? "status" : "alert"}
          className={`text-sm ${state.ok ? "text-green-800 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {state.message}
        </p>
      )}
    </div>
  );
}
