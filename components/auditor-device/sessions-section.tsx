"use client";
import type { MatrixClient } from "matrix-js-sdk";
import { useCallback, useEffect, useState } from "react";
import { listSessions, signOutSession, type AuditorSession } from "@/lib/auditor-device/sessions";
import { describeMatrixError } from "@/lib/auditor-device/uia";

export function SessionsSection({ client }: { client: MatrixClient }) {
  const [sessions, setSessions] = useState<AuditorSession[] | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const reload = useCallback(() => listSessions(client).then(setSessions, (e: unknown) => setMessage(describeMatrixError(e))), [client]);
  useEffect(() => void reload(), [reload]);
  return (
    <section className="card space-y-3" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="text-base font-semibold">
        The auditor’s sessions
      </h2>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-700">
        {sessions?.map((s) => (
          <li key={s.deviceId} className="flex flex-wrap items-center justify-between gap-2 py-2" data-session={s.deviceId}>
            <span>
              <span className="mono">{s.deviceId}</span> {s.displayName && <span className="text-zinc-500">{s.displayName}</span>}{" "}
              {s.isThisBrowser && <strong>(this browser)</strong>} · {s.verified ? "verified" : "not verified"}
              {s.lastSeenTs && (
                <span className="text-zinc-500"> · last seen {new Date(s.lastSeenTs).toISOString().slice(0, 16).replace("T", " ")}</span>
              )}
            </span>
            {!s.isThisBrowser && (
              <button type="button" className="btn" onClick={() => setTarget(s.deviceId)}>
                Sign out…
              </button>
            )}
          </li>
        ))}
      </ul>
      {target && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            signOutSession(client, target, password).then(
              () => {
                setMessage(`Signed out ${target}.`);
                setTarget(null);
                setPassword("");
                void reload();
              },
              (err: unknown) => setMessage(`Not signed out: ${describeMatrixError(err)}`),
            );
          }}
        >
          <label className="text-sm">
            Password to sign out <span className="mono">{target}</span>
            <input className="input mt-1 block" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <button type="submit" className="btn btn-primary">
            Sign out session
          </button>
          <button type="button" className="btn" onClick={() => setTarget(null)}>
            Keep it
          </button>
        </form>
      )}
      {message && (
        <p className="text-sm" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
