"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/security/safe-redirect";

// The server's words for a throttled attempt (lib/auth/options.ts); any other error reads as a wrong password.
const THROTTLED = /^Too many failed sign-ins\. Wait \d+ s and try again\.$/;

export function SignInForm({ next, initialError }: { next: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    // Checked again here: the page's prop is already safe, but this is the line that navigates.
    if (res?.ok && !res.error) window.location.assign(safeNextPath(next));
    else setError(res?.error && THROTTLED.test(res.error) ? res.error : "Sign-in failed. Check the email and password.");
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="input" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" className="btn-primary justify-center" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
