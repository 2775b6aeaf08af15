"use client";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { changeRoleAction, deleteUserAction, resetPasswordAction, setDisabledAction, type UserActionState } from "./actions";

const Said = ({ state }: { state: UserActionState }) =>
  state.error ? (
    <p role="alert" className="text-xs text-red-700 dark:text-red-400">
      {state.error}
    </p>
  ) : state.message ? (
    <p role="status" className="text-xs text-green-800 dark:text-green-400">
      {state.message}
    </p>
  ) : null;

/** An admin's controls for one user: role, disable/enable, new password, delete. Each ends the user's sessions. */
export function UserControls({ user }: { user: { id: string; email: string; role: string; disabled: boolean } }) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, {});
  const [disableState, disableAction, disablePending] = useActionState(setDisabledAction, {});
  const [passwordState, passwordAction, passwordPending] = useActionState(resetPasswordAction, {});
  // Never the word "role" in these labels: the add-user form's "Role" field must stay the only match for it.
  const label = (what: string) => `${what} for ${user.email}`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="id" value={user.id} />
          <select name="role" defaultValue={user.role} aria-label={label("Access level")} className="input w-auto py-0.5 text-xs">
            <option value="viewer">viewer</option>
            <option value="auditor">auditor</option>
            <option value="admin">admin</option>
          </select>
          <button className="btn py-0.5 text-xs" disabled={rolePending} aria-label={label("Apply access level")}>
            Apply
          </button>
        </form>
        <form action={disableAction}>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
          <button className="btn py-0.5 text-xs" disabled={disablePending} aria-label={label(user.disabled ? "Enable" : "Disable")}>
            {user.disabled ? "Enable" : "Disable"}
          </button>
        </form>
        <form action={passwordAction} className="flex items-center gap-1">
          <input type="hidden" name="id" value={user.id} />
          <input
            name="password"
            type="password"
            minLength={12}
            required
            autoComplete="new-password"
            placeholder="new password"
            aria-label={label("New password")}
            className="input w-36 py-0.5 text-xs"
          />
          <button className="btn py-0.5 text-xs" disabled={passwordPending} aria-label={label("Set password")}>
            Set password
          </button>
        </form>
        <ConfirmDialog
          triggerLabel="Delete…"
          title={`Delete ${user.email}?`}
          confirmLabel="Delete user"
          danger
          onConfirm={() => deleteUserAction(user.id)}
        >
          The account is removed and every session it holds ends at once. What it did stays in the audit log.
        </ConfirmDialog>
      </div>
      <Said state={roleState} />
      <Said state={disableState} />
      <Said state={passwordState} />
    </div>
  );
}
