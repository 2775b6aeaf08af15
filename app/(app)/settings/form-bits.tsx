import { Icon } from "@/components/ui/icon";
import type { ActionState } from "./actions";

export function FormMessage({ state, success }: { state: ActionState; success: string }) {
  if (!state.at) return null;
  return state.ok ? (
    <p role="status" className="text-sm text-green-800 dark:text-green-400">
      {success}
    </p>
  ) : (
    <p role="alert" className="whitespace-pre-wrap text-sm text-red-700 dark:text-red-400">
      {state.error}
    </p>
  );
}

/** Each step of the connection test as a word, a shape and a colour. */
export function ConnectionReport({ state }: { state: ActionState }) {
  if (!state.at || !state.report) return null;
  return (
    <ul aria-label="Connection test" className="flex flex-col gap-1 text-sm">
      {state.report.steps.map((s) => (
        <li
          key={s.step}
          className={`flex items-start gap-2 ${s.ok ? "text-green-800 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          <Icon name={s.ok ? "check" : "cross"} className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            <span className="font-medium">
              {s.ok ? "OK" : "Problem"} — {s.step}:
            </span>{" "}
            {s.detail}
          </span>
        </li>
      ))}
    </ul>
  );
}
