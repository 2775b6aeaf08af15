"use client";
import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import { KeyBackup } from "@/lib/auditor-device/backup";
import type { IdentityKind } from "@/lib/auditor-device/identity";
import { useStore } from "./use-store";

export function BackupSection({ client, identityKind }: { client: MatrixClient; identityKind: IdentityKind | null }) {
  const [backup] = useState(() => new KeyBackup(client));
  const [confirmReset, setConfirmReset] = useState(false);
  useEffect(() => {
    void backup.refresh().catch(() => undefined);
    return () => backup.dispose();
  }, [backup, identityKind]);
  const { status, restore, error } = useStore(backup);
  const pct = restore && restore.total > 0 ? Math.round((restore.done / restore.total) * 100) : 0;
  return (
    <section className="card space-y-3" aria-labelledby="backup-title" data-backup-version={status?.version ?? ""}>
      <h2 id="backup-title" className="text-base font-semibold">
        Key backup
      </h2>
      {status &&
        (status.version ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt>Version</dt>
            <dd className="mono" data-testid="backup-version">
              {status.version}
            </dd>
            <dt>Algorithm</dt>
            <dd className="mono">{status.algorithm}</dd>
            <dt>Signature</dt>
            <dd>{status.trusted ? "trusted (signed by your identity)" : "not trusted by this device"}</dd>
            <dt>This device</dt>
            <dd>{status.canDecrypt ? "holds the backup key" : "does not hold the backup key"}</dd>
            <dt>Keys</dt>
            <dd data-testid="backup-count">
              {status.keysOnServer} on the server · {status.keysWaiting} waiting to upload
            </dd>
          </dl>
        ) : (
          <p className="text-sm">No key backup: room keys exist only on the devices that hold them.</p>
        ))}
      <div className="flex flex-wrap items-center gap-2">
        {identityKind === "verified" && !status?.version && (
          <button type="button" className="btn btn-primary" onClick={() => void backup.reset()}>
            Create backup
          </button>
        )}
        {status?.version && status.canDecrypt && (
          <button type="button" className="btn" disabled={restore?.running} onClick={() => void backup.restore()}>
            Restore from backup
          </button>
        )}
        {status?.version && identityKind === "verified" && (
          <>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={confirmReset} onChange={(e) => setConfirmReset(e.target.checked)} />
              Delete this backup and start a new one
            </label>
            <button
              type="button"
              className="btn"
              disabled={!confirmReset}
              onClick={() => void backup.reset().then(() => setConfirmReset(false))}
            >
              Reset backup
            </button>
          </>
        )}
      </div>
      {restore && (
        <div
          className="space-y-1 text-sm"
          data-testid="restore"
          data-running={restore.running ? "yes" : "no"}
          data-done={restore.done}
          data-total={restore.total}
        >
          <div
            className="h-2 w-full rounded bg-zinc-200 dark:bg-zinc-700"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div className="h-2 rounded bg-green-600" style={{ width: `${pct}%` }} />
          </div>
          <p role="status">
            {restore.error ?? `${restore.running ? "Restoring" : "Restored"} ${restore.done} of ${restore.total} keys`}
            {restore.keysPerSecond !== null && !restore.error && (
              <>
                {" "}
                · <span data-testid="keys-per-second">{restore.keysPerSecond}</span> keys/s
              </>
            )}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
