"use client";
import { useState } from "react";
import type { AuditorDevice } from "@/lib/auditor-device/device";
import { useStore } from "./use-store";

export function SignInForm({ device, suggestedUserId }: { device: AuditorDevice; suggestedUserId: string }) {
  const s = useStore(device);
  const [userId, setUserId] = useState(suggestedUserId);
  const [password, setPassword] = useState("");
  const busy = s.status === "signing-in";
  return (
    <form
      className="card max-w-lg space-y-3"
      aria-label="Sign in to the homeserver"
      onSubmit={(e) => {
        e.preventDefault();
        void device.signIn(userId.trim(), password).then(() => setPassword(""));
      }}
    >
      <h2 className="text-base font-semibold">Sign in to the homeserver</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This browser becomes one of the auditor account’s devices, at <span className="mono">{device.baseUrl}</span>. Its keys stay in this
        browser, encrypted with a key only your Vigil session can fetch.
      </p>
      <label className="block text-sm">
        Matrix user id
        <input
          className="input mt-1 w-full"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          placeholder="@auditor:example.org"
          required
        />
      </label>
      <label className="block text-sm">
        Password
        <input
          className="input mt-1 w-full"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoComplete="current-password"
        />
      </label>
      {s.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {s.error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
