"use client";
import type { MatrixClient } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/CryptoEvent.js";
import { useEffect, useRef, useState } from "react";
import type { AgentChoice } from "@/lib/auditor-device/agent-choices";
import { loadAgentDevices, verifyFingerprint, type AgentDevices } from "@/lib/auditor-device/agent-devices";
import { describeMatrixError } from "@/lib/auditor-device/uia";
import { DeviceVerification } from "@/lib/auditor-device/verification";
import { VerificationView } from "./verification-view";

/** How often, and how far apart, the device list is reread after a verification ends, until it shows the trust (~10 s). */
const VERIFIED_RELOADS = 40;
const VERIFIED_RELOAD_MS = 250;

/** Pick an agent (from the registry of the latest snapshot, or any user id), see its devices, verify one. */
export function VerifyAgentSection({ client, agents }: { client: MatrixClient; agents: AgentChoice[] }) {
  const [userId, setUserId] = useState(agents[0]?.userId ?? "");
  const [loaded, setLoaded] = useState<AgentDevices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<DeviceVerification | null>(null);
  const [fingerprints, setFingerprints] = useState<Record<string, string>>({});
  const [oob, setOob] = useState<string | null>(null);
  // One VerificationView per verification: it reports the end once per instance, so reusing the instance of a
  // cancelled verification for the next one never reported that one's "done" (the list stayed unverified).
  const [run, setRun] = useState(0);

  // Only the latest asked-for user may land: a slow reload of the previous agent must not overwrite it.
  const wanted = useRef<string | null>(null);
  const load = async (id: string) => {
    const target = id.trim();
    wanted.current = target;
    setError(null);
    setOob(null);
    try {
      const devices = await loadAgentDevices(client, target);
      if (wanted.current === target) setLoaded(devices);
    } catch (e) {
      if (wanted.current !== target) return;
      setLoaded(null);
      setError(describeMatrixError(e));
    }
  };
  // After "done" the crypto stores the device's new trust a moment later, and for an agent without cross-signing
  // (a nio bot) no trust event follows at all: reload until that device reads verified, a bounded number of times.
  const reloadUntilVerified = async (target: string, deviceId: string) => {
    for (let attempt = 0; attempt < VERIFIED_RELOADS && wanted.current === target; attempt++) {
      const devices = await loadAgentDevices(client, target).catch(() => null);
      if (devices && wanted.current === target) {
        setLoaded(devices);
        if (devices.devices.some((d) => d.deviceId === deviceId && d.verified)) return;
      }
      await new Promise((resolve) => setTimeout(resolve, VERIFIED_RELOAD_MS));
    }
  };
  // The user-signing signature lands a moment after "done": show it when the crypto says so.
  const shownUser = loaded?.userId;
  useEffect(() => {
    if (!shownUser) return;
    const onTrust = (userId: string) => {
      if (userId === wanted.current) void load(userId);
    };
    client.on(CryptoEvent.UserTrustStatusChanged, onTrust);
    return () => void client.off(CryptoEvent.UserTrustStatusChanged, onTrust);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load only reads refs and stable setters
  }, [client, shownUser]);
  const startSas = (deviceId: string) => {
    verification?.dispose();
    const v = new DeviceVerification(client, loaded?.userId ?? "", deviceId);
    setVerification(v);
    setRun((n) => n + 1);
    void v.start();
  };

  return (
    <section className="card space-y-3" aria-labelledby="verify-title">
      <h2 id="verify-title" className="text-base font-semibold">
        Verify an agent
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void load(userId);
        }}
      >
        <label className="text-sm">
          Agent
          <input
            className="input mono mt-1 block w-80"
            list="agent-choices"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            placeholder="@agent:example.org"
            required
          />
          <datalist id="agent-choices">
            {agents.map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.name}
              </option>
            ))}
          </datalist>
        </label>
        <button type="submit" className="btn">
          Show devices
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {loaded && (
        <div className="space-y-2" data-agent={loaded.userId}>
          <p className="text-sm" data-testid="agent-verified" data-verified={loaded.verified ? "yes" : "no"}>
            <span className="mono">{loaded.userId}</span>:{" "}
            {loaded.hasCrossSigning
              ? loaded.verified
                ? "verified by you (its identity is signed by your user-signing key)"
                : "not verified by you"
              : "has no cross-signing identity: verifying a device trusts that device only"}
          </p>
          <ul className="space-y-2">
            {loaded.devices.map((d) => (
              <li key={d.deviceId} className="rounded border border-zinc-200 p-2 text-sm dark:border-zinc-700" data-device={d.deviceId}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="mono">{d.deviceId}</span> {d.displayName && <span className="text-zinc-500">({d.displayName})</span>}{" "}
                    {d.verified ? "· verified" : ""}
                  </span>
                  <button type="button" className="btn" onClick={() => startSas(d.deviceId)}>
                    Verify by emoji
                  </button>
                </div>
                <form
                  className="mt-2 flex flex-wrap items-end gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void verifyFingerprint(client, loaded.userId, d.deviceId, fingerprints[d.deviceId] ?? "").then(
                      (msg) => {
                        setOob(msg);
                        void load(loaded.userId);
                      },
                      (err: unknown) => setOob(describeMatrixError(err)),
                    );
                  }}
                >
                  <label className="grow text-xs">
                    Or compare its ed25519 fingerprint (out of band)
                    <input
                      className="input mono mt-1 w-full"
                      value={fingerprints[d.deviceId] ?? ""}
                      onChange={(e) => setFingerprints({ ...fingerprints, [d.deviceId]: e.target.value })}
                      spellCheck={false}
                    />
                  </label>
                  <button type="submit" className="btn">
                    Compare
                  </button>
                </form>
              </li>
            ))}
          </ul>
          {oob && (
            <p className="text-sm" role="status">
              {oob}
            </p>
          )}
        </div>
      )}
      {verification && (
        <VerificationView
          key={run}
          verification={verification}
          onFinished={() => {
            const { userId: target, deviceId, step } = verification.getSnapshot();
            if (wanted.current !== target) return;
            void (step === "done" ? reloadUntilVerified(target, deviceId) : load(target));
          }}
        />
      )}
    </section>
  );
}
