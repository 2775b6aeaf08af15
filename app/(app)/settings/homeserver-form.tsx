"use client";
import { useActionState } from "react";
import type { HomeserverSettings } from "@/lib/settings/connections";
import { saveHomeserverAction, testHomeserverAction, type ActionState } from "./actions";
import { ConnectionReport, FormMessage } from "./form-bits";

const initial: ActionState = { ok: true };

export function HomeserverForm({ current, editable }: { current?: HomeserverSettings; editable: boolean }) {
  const [saved, save, saving] = useActionState(saveHomeserverAction, initial);
  const [tested, test, testing] = useActionState(testHomeserverAction, initial);
  const last = (tested.at ?? 0) > (saved.at ?? 0) ? tested : saved;
  return (
    <form action={save} className="flex flex-col gap-3">
      <fieldset disabled={!editable} className="flex flex-col gap-3">
        <div>
          <label htmlFor="baseUrl" className="label">
            Homeserver URL
          </label>
          <input
            id="baseUrl"
            name="baseUrl"
            type="url"
            required
            defaultValue={current?.baseUrl}
            placeholder="https://matrix.example.org"
            className="input"
          />
        </div>
        <div>
          <label htmlFor="accessToken" className="label">
            Auditor access token {current?.hasToken && <span className="font-normal">(stored — leave empty to keep it)</span>}
          </label>
          <input id="accessToken" name="accessToken" type="password" autoComplete="off" className="input mono" />
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Or sign in once with user and password</summary>
          <div className="mt-2 grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="user" className="label">
                User
              </label>
              <input id="user" name="user" autoComplete="off" placeholder="@vigil-auditor:example.org" className="input" />
            </div>
            <div>
              <label htmlFor="hs-password" className="label">
                Password (not stored)
              </label>
              <input id="hs-password" name="password" type="password" autoComplete="off" className="input" />
            </div>
          </div>
        </details>
      </fieldset>
      {current && (
        <p className="text-xs text-zinc-500">
          Current: <span className="mono">{current.userId}</span> {current.admin ? "· server admin" : "· not admin (partial view)"}
          {current.serverVersion && ` · Synapse ${current.serverVersion}`} · from{" "}
          {current.source === "file" ? "vigil.config.yaml" : current.source === "env" ? "environment" : "Settings"}
        </p>
      )}
      <ConnectionReport state={last} />
      <FormMessage state={last} success={last === tested ? "Connection works." : "Homeserver saved."} />
      {editable && (
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
          <button type="submit" formAction={test} className="btn" disabled={testing}>
            {testing ? "Testing…" : "Test connection"}
          </button>
        </div>
      )}
    </form>
  );
}
