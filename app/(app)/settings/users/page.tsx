import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { can, requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AddUserForm } from "./add-user-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  const users = await getDb().user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } });
  return (
    <>
      <PageHeader title="Users" subtitle={<Link href="/settings" className="underline">← Settings</Link>} />
      <div className="grid gap-5 xl:grid-cols-[2fr_1fr]">
        <table className="card w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr><th className="py-1">Email</th><th>Name</th><th>Role</th><th>Since</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 mono">{u.email}</td>
                <td>{u.name}</td>
                <td>{u.role}{u.disabled && " (disabled)"}</td>
                <td title={u.createdAt.toISOString()}>{u.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {can(actor, "users.manage") ? <AddUserForm /> : <p className="text-sm text-zinc-500">Adding users needs the admin role.</p>}
      </div>
    </>
  );
}
