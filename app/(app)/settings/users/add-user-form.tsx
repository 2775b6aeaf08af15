"use client";
import { useActionState } from "react";
import { createUserAction, type UserActionState } from "./actions";

export function AddUserForm() {
  const [state, action, pending] = useActionState(createUserAction, {} as UserActionState);
  return (
    <form action={action} className="card flex flex-col gap-3" aria-labelledby="add-user">
      <h2 id="add-user" className="text-base font-semibold">
        Add a user
      </h2>
      <div>
        <label htmlFor="u-email" className="label">
          Email
        </label>
        <input id="u-email" name="email" type="email" required className="input" />
      </div>
      <div>
        <label htmlFor="u-name" className="label">
          Name
        </label>
        <input id="u-name" name="name" required className="input" />
      </div>
      <div>
        <label htmlFor="u-role" className="label">
          Role
        </label>
        <select id="u-role" name="role" className="input" defaultValue="viewer">
          <option value="viewer">viewer — reads posture</option>
          <option value="auditor">auditor — scans, verifies, exports, accepts findings</option>
          <option value="admin">admin — also changes settings and remediates</option>
        </select>
      </div>
      <div>
        <label htmlFor="u-password" className="label">
          Initial password (12+ characters)
        </label>
        <input id="u-password" name="password" type="password" minLength={12} required autoComplete="new-password" className="input" />
      </div>
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      {state.message && (
        <p role="status" className="text-sm text-green-800 dark:text-green-400">
          {state.message}
        </p>
      )}
      <button className="btn-primary justify-center" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
