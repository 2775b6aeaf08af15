"use client";
import { useActionState } from "react";
import { createWebhookAction, type AlertsActionState } from "./actions";
import { ActionResult } from "./one-time-secret";

const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;

export function WebhookForm() {
  const [state, action, pending] = useActionState(createWebhookAction, {} as AlertsActionState);
  const v = state.ok === false ? state.values : undefined;
  const events = v?.events ?? ["finding.new"];
  return (
    <form action={action} className="flex flex-col gap-3" aria-labelledby="add-webhook">
      <h3 id="add-webhook" className="text-sm font-semibold">
        Add a webhook
      </h3>
      <div>
        <label htmlFor="wh-name" className="label">
          Name
        </label>
        <input id="wh-name" name="name" required maxLength={100} defaultValue={v?.name} className="input" />
      </div>
      <div>
        <label htmlFor="wh-url" className="label">
          URL (receives a signed POST)
        </label>
        <input
          id="wh-url"
          name="url"
          type="url"
          required
          placeholder="https://alerts.example.com/vigil"
          defaultValue={v?.url}
          className="input mono"
        />
      </div>
      <fieldset>
        <legend className="label">Events</legend>
        <label className="mr-4 inline-flex items-center gap-1.5 text-sm">
          <input type="checkbox" name="events" value="finding.new" defaultChecked={events.includes("finding.new")} /> New or reopened
          findings
        </label>
        <label className="inline-flex items-center gap-1.5 text-sm">
          <input type="checkbox" name="events" value="drift" defaultChecked={events.includes("drift")} /> Drift
        </label>
      </fieldset>
      <div>
        <label htmlFor="wh-sev" className="label">
          Minimum severity (findings)
        </label>
        <select id="wh-sev" name="minSeverity" defaultValue={v?.minSeverity ?? "high"} className="input">
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ActionResult state={state} label="Signing secret" />
      <button className="btn-primary justify-center" disabled={pending}>
        {pending ? "Adding…" : "Add webhook"}
      </button>
    </form>
  );
}
