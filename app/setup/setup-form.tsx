"use client";
import { useActionState } from "react";
import { setupFirstAdminAction } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState(setupFirstAdminAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <div>
        <label htmlFor="token" className="label">
          Setup token (printed in the server log)
        </label>
        <input id="token" name="token" required autoComplete="off" spellCheck={false} className="input mono" />
      </div>
      <div>
        <label htmlFor="name" className="label">
          Name
        </label>
        <input id="name" name="name" required className="input" />
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" required className="input" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password (12+ characters)
        </label>
        <input id="password" name="password" type="password" minLength={12} required autoComplete="new-password" className="input" />
      </div>
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      <button className="btn-primary justify-center" disabled={pending}>
        {pending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
