"use client";
import { useState } from "react";
import { signOutDevicesAction } from "./actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

interface Candidate {
  userId: string;
  deviceId: string;
  displayName: string | null;
  reasons: string[];
}

/** The dry run first: which agent devices would be signed out and why; the admin unticks any to keep, then confirms. */
export function SignOutDevices({ candidates, allowed }: { candidates: Candidate[]; allowed: boolean }) {
  const key = (c: Candidate) => `${c.userId}|${c.deviceId}`;
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(candidates.map(key)));
  const toggle = (k: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  return (
    <ConfirmDialog
      triggerLabel={`Sign out stale or unexpected devices (${candidates.length})…`}
      title="Sign out agent devices"
      confirmLabel={`Sign out ${chosen.size} device(s)`}
      danger
      disabled={!allowed || candidates.length === 0}
      onConfirm={() =>
        signOutDevicesAction(candidates.filter((c) => chosen.has(key(c))).map(({ userId, deviceId }) => ({ userId, deviceId })))
      }
    >
      <p>
        Dry run: these agent devices are stale or not declared in the registry. Each chosen one is deleted on the homeserver (Synapse admin
        API): its access token stops working and its encryption keys are removed. The agent must log in again to get a new device.
      </p>
      <fieldset className="mt-3 max-h-72 overflow-auto rounded border border-zinc-200 p-2 dark:border-zinc-700">
        <legend className="px-1 text-xs text-zinc-500">Devices to sign out</legend>
        {candidates.map((c) => (
          <label key={key(c)} className="flex items-center gap-2 py-1 text-sm">
            <input type="checkbox" checked={chosen.has(key(c))} onChange={() => toggle(key(c))} />
            <span className="mono">{c.userId}</span>
            <span className="mono font-semibold">{c.deviceId}</span>
            <span className="text-xs text-zinc-500">{c.reasons.join(", ")}</span>
          </label>
        ))}
      </fieldset>
      {!allowed && <p className="mt-2">Needs the admin role.</p>}
    </ConfirmDialog>
  );
}
