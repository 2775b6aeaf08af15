"use client";
import type { AlertsActionState } from "./actions";

/** The result line of an alerts form, and a secret shown exactly once (it is not kept in clear anywhere). */
export function ActionResult({ state, label }: { state: AlertsActionState; label: string }) {
  if (!state.at) return null;
  if (!state.ok)
    return (
      <p role="alert" className="whitespace-pre-wrap text-sm text-red-700 dark:text-red-400">
        {state.error}
      </p>
    );
  return (
    <div className="flex flex-col gap-2">
      {state.message && (
        <p role="status" className="text-sm text-green-800 dark:text-green-400">
          {state.message}
        </p>
      )}
      {state.secret && (
        <div>
          <label className="label" htmlFor={`secret-${label}`}>
            {label}
          </label>
          <input id={`secret-${label}`} readOnly value={state.secret} className="input mono" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </div>
  );
}
