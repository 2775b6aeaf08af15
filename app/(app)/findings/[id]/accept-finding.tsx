"use client";
import { useActionState, useTransition, useState } from "react";
import { IsoDateInput } from "@/components/ui/iso-date-input";
import { acceptFindingAction, reopenFindingAction, type AcceptState } from "./actions";

/**
 * Accepting a risk is deliberate: a reason a reviewer can judge, an owner, an
 * end date. The next scan after that date reopens the finding by itself.
 */
export function AcceptFinding({ id, status, maxDate }: { id: string; status: "open" | "accepted" | "resolved"; maxDate: string }) {
  const [state, action, pending] = useActionState(acceptFindingAction.bind(null, id), {} as AcceptState);
  const [reopened, setReopened] = useState<AcceptState>({});
  const [reopening, startReopen] = useTransition();
  if (status === "resolved") return <p className="text-sm text-zinc-600 dark:text-zinc-400">Resolved findings need no exception.</p>;
  if (status === "accepted") {
    return (
      <div className="flex flex-col items-start gap-2">
        <button
          type="button"
          className="btn"
          disabled={reopening}
          onClick={() => startReopen(async () => setReopened(await reopenFindingAction(id)))}
        >
          Withdraw the acceptance
        </button>
        {state.message && (
          <p role="status" className="text-sm text-green-800 dark:text-green-400">
            {state.message}
          </p>
        )}
        {reopened.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {reopened.error}
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={action} className="grid gap-3 md:grid-cols-[2fr_1fr_1fr_auto] md:items-end">
      <div>
        <label htmlFor="accept-reason" className="label">
          Reason (why this risk is acceptable)
        </label>
        <input id="accept-reason" name="reason" required minLength={10} defaultValue={state.values?.reason} className="input" />
      </div>
      <div>
        <label htmlFor="accept-owner" className="label">
          Owner
        </label>
        <input id="accept-owner" name="owner" required defaultValue={state.values?.owner} className="input" />
      </div>
      <div>
        <label htmlFor="accept-until" className="label">
          Until (UTC, at most {maxDate})
        </label>
        <IsoDateInput id="accept-until" name="until" required defaultValue={state.values?.until} />
      </div>
      <button className="btn" disabled={pending}>
        {pending ? "Accepting…" : "Accept risk"}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-4 dark:text-red-400">
          {state.error}
        </p>
      )}
      {state.message && (
        <p role="status" className="text-sm text-green-800 md:col-span-4 dark:text-green-400">
          {state.message}
        </p>
      )}
    </form>
  );
}
