"use client";
import { useState } from "react";
import type { AuditorDevice } from "@/lib/auditor-device/device";
import { RecoveryKeyOnce } from "./recovery-key-once";
import { useStore } from "./use-store";

const SUMMARY = {
  none: "This account has no cryptographic identity yet. Set one up: it creates cross-signing keys, secret storage protected by a recovery key, and a key backup.",
  recoverable:
    "This account has an identity, but this browser is not verified yet. Enter the recovery key to bring the identity’s keys here.",
  unrecoverable:
    "This account has cross-signing keys, but no recovery key was ever set up, so this browser cannot obtain them. Reset the identity to create new keys (agents verified under the old keys must be verified again).",
  verified: "This browser is verified: it holds the auditor’s cross-signing keys and can verify agents.",
} as const;

export function IdentitySection({ device }: { device: AuditorDevice }) {
  const s = useStore(device);
  const [password, setPassword] = useState("");
  const [recoveryKey, setRecoveryKey] = useState("");
  const [confirmReset, setConfirmReset] = useState(false);
  const kind = s.identity?.kind;
  if (s.recoveryKeyToSave)
    return <RecoveryKeyOnce recoveryKey={s.recoveryKeyToSave} userId={s.userId ?? ""} onSaved={() => device.acknowledgeRecoveryKey()} />;
  if (!kind) return null;
  const needsReset = kind !== "none";
  return (
    <section className="card space-y-3" aria-labelledby="identity-title" data-identity={kind}>
      <h2 id="identity-title" className="text-base font-semibold">
        Identity
      </h2>
      <p className="text-sm">{SUMMARY[kind]}</p>
      {s.identity?.masterKey && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Master key <span className="mono break-all">{s.identity.masterKey}</span>
        </p>
      )}
      {kind === "recoverable" && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void device.verifyWithRecoveryKey(recoveryKey).then(() => setRecoveryKey(""));
          }}
        >
          <label className="grow text-sm">
            Recovery key
            <input
              className="input mono mt-1 w-full"
              value={recoveryKey}
              onChange={(e) => setRecoveryKey(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={!!s.busy}>
            Verify this browser
          </button>
        </form>
      )}
      <details open={kind === "none" || kind === "unrecoverable"}>
        <summary className="cursor-pointer text-sm">{needsReset ? "Reset the identity" : "Set up the identity"}</summary>
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void device.setUpIdentity(password).then(() => setPassword(""));
          }}
        >
          <label className="text-sm">
            Matrix password
            <input
              className="input mt-1 block"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoComplete="current-password"
            />
          </label>
          {needsReset && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={confirmReset} onChange={(e) => setConfirmReset(e.target.checked)} />
              Replace the current keys; verifications made with them stop counting
            </label>
          )}
          <button type="submit" className="btn btn-primary" disabled={!!s.busy || (needsReset && !confirmReset)}>
            {needsReset ? "Reset identity" : "Set up identity"}
          </button>
        </form>
      </details>
      {s.busy && (
        <p className="text-sm" role="status">
          {s.busy}
        </p>
      )}
    </section>
  );
}
