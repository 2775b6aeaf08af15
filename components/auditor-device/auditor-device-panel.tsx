"use client";
import { useEffect, useState } from "react";
import type { AgentChoice } from "@/lib/auditor-device/agent-choices";
import { AuditorDevice } from "@/lib/auditor-device/device";
import { BackupSection } from "./backup-section";
import { IdentitySection } from "./identity-section";
import { SessionsSection } from "./sessions-section";
import { SignInForm } from "./sign-in-form";
import { useStore } from "./use-store";
import { VerifyAgentSection } from "./verify-agent-section";

/** Owns the one AuditorDevice of this page: resumes it on mount, stops it on unmount. */
export function AuditorDevicePanel({
  baseUrl,
  suggestedUserId,
  agents,
}: {
  baseUrl: string;
  suggestedUserId: string;
  agents: AgentChoice[];
}) {
  const [device] = useState(() => new AuditorDevice(baseUrl));
  useEffect(() => {
    void device.resume();
    return () => device.dispose();
  }, [device]);
  const s = useStore(device);

  return (
    <div className="space-y-5" data-device-status={s.status}>
      {s.connectionProblem && (
        <p role="alert" className="text-sm text-amber-700 dark:text-amber-400">
          {s.connectionProblem}
        </p>
      )}
      {s.status === "loading" && <p className="text-sm">Opening this browser’s device…</p>}
      {(s.status === "signed-out" || s.status === "signing-in" || s.status === "error") && !device.client && (
        <SignInForm device={device} suggestedUserId={suggestedUserId} />
      )}
      {s.status === "ready" && device.client && (
        <>
          <section className="card flex flex-wrap items-center justify-between gap-3" aria-label="This device">
            <div className="text-sm">
              Signed in as <span className="mono">{s.userId}</span>, device{" "}
              <span className="mono" data-testid="device-id">
                {s.deviceId}
              </span>
              {s.initMs !== null && (
                <span className="text-zinc-500">
                  {" "}
                  · crypto ready in <span data-testid="init-ms">{s.initMs}</span> ms
                </span>
              )}
            </div>
            <button type="button" className="btn" onClick={() => void device.signOut()}>
              Sign out this browser
            </button>
          </section>
          {s.error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {s.error}
            </p>
          )}
          <IdentitySection device={device} />
          {!s.recoveryKeyToSave && (
            <>
              {s.identity?.kind === "verified" && <VerifyAgentSection client={device.client} agents={agents} />}
              <BackupSection client={device.client} identityKind={s.identity?.kind ?? null} />
              <SessionsSection client={device.client} />
            </>
          )}
        </>
      )}
    </div>
  );
}
