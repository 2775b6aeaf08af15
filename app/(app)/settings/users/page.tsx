import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { Link } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { can, requireActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/views/users";
import { AddUserForm } from "./add-user-form";
import { UserControls } from "./user-controls";

export const metadata: Metadata = { title: "Users" };

/** Who can sign in, and as what. Admins only: the list of accounts and their roles is a map for an attacker. */
export default async function UsersPage() {
  const actor = await requireActor();
  const back = (
    <Link href="/settings" className="underline">
      ← Settings
    </Link>
  );
  if (!can(actor, "users.manage")) {
    return (
      <>
        <PageHeader title="Users" subtitle={back} />
        <EmptyState title="Users are managed by admins">
          You are signed in as {actor.role === "auditor" ? "an" : "a"} {actor.role}. Ask an admin to add or change an account.
        </EmptyState>
      </>
    );
  }
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        subtitle={<>{back} · every change here ends that user&apos;s sessions at once and lands in the audit log.</>}
      />
      <div className="grid gap-5 2xl:grid-cols-[3fr_1fr]">
        <table className="card w-full text-left text-sm" aria-label="Users">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="py-1">Email</th>
              <th>Name</th>
              <th>Role</th>
              <th>Last sign-in</th>
              <th>Manage</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="py-1.5 mono">{u.email}</td>
                <td className="py-1.5">{u.name}</td>
                <td className="py-1.5">
                  {u.role}
                  {u.disabled && " (disabled)"}
                </td>
                <td className="py-1.5" title={u.lastLoginAt?.toISOString()}>
                  {u.lastLoginAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}
                </td>
                <td className="py-1.5">
                  <UserControls user={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddUserForm />
      </div>
    </>
  );
}
