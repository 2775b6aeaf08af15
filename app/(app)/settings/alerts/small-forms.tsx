"use client";
import { useActionState } from "react";
import { rotateMetricsTokenAction, saveScheduleAction, type AlertsActionState } from "./actions";
import { ActionResult } from "./one-time-secret";

export function ScheduleForm({ minutes }: { minutes: number }) {
  const [state, action, pending] = useActionState(saveScheduleAction, {} as AlertsActionState);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="schedule-minutes" className="label">
          Scan every (minutes, 0 = off)
        </label>
        <input
          id="schedule-minutes"
          name="minutes"
          type="number"
          min={0}
          max={10080}
          step={1}
          defaultValue={minutes}
          required
          className="input w-40"
        />
      </div>
      <button className="btn" disabled={pending}>
        {pending ? "Saving…" : "Save schedule"}
      </button>
      <div className="basis-full">
        <ActionResult state={state} label="schedule" />
      </div>
    </form>
  );
}

export function MetricsTokenForm({ configured }: { configured: boolean }) {
  const [state, action, pending] = useActionState(rotateMetricsTokenAction, {} as AlertsActionState);
  return (
    <form action={action} className="flex flex-col gap-3">
      <button className="btn self-start" disabled={pending}>
        {pending ? "Generating…" : configured ? "Replace the token" : "Generate a token"}
      </button>
      <ActionResult state={state} label="Metrics token" />
    </form>
  );
}
