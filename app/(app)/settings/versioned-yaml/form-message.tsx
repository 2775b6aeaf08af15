import type { YamlFormState } from "./form-state";

/** The outcome of a policy or registry action, once there is one. */
export function FormMessage({ state }: { state: YamlFormState }) {
  if (!state.at) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={`whitespace-pre-wrap text-sm ${state.ok ? "text-green-800 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
    >
      {state.message}
    </p>
  );
}
