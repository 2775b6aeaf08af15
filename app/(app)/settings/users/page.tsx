import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { can, requireActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/views/users";
import { AddUserForm } from "./add-user-form";
import { UserControls } from "./user-controls";

export const metadata: Metadata = { title: "Users" };

/** Who can sign in, and as what. Admins only: the list of accounts and their roles is a map for an attacker. */
export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor, "users.manage")) {
    return (
      <>
        <PageHeader title="Users" />
        <EmptyState title="Users are managed by admins">
          You are signed in as {actor.role === "auditor" ? "an" : "a"} {actor.role}. Ask an admin to add or change an account.
        </EmptyState>
      </>
    );
  }
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" subtitle="Every change here ends that user's sessions at once and lands in the audit log." />
      {/* items-start: the table keeps its own height beside the taller form instead of stretching its rows to match. */}
      <div className="grid items-start gap-5 2xl:grid-cols-[3fr_1fr]">
        <DataTable caption="Users" head={<PlainHeaderRow labels={["Email", "Name", "Role", "Last sign-in", "Manage"]} />}>
          {users.map((u) => (
            <tr key={u.id} className="align-top">
              <Td className="mono">{u.email}</Td>
              <Td>{u.name}</Td>
              <Td>
                {u.role}
                {u.disabled && " (disabled)"}
              </Td>
              <Td className="whitespace-nowrap">{u.lastLoginAt ? <TimeAgo at={u.lastLoginAt} /> : "never"}</Td>
              <Td>
                <UserControls user={u} />
              </Td>
            </tr>
          ))}
        </DataTable>
        <AddUserForm />
      </div>
    </>
  );
}
