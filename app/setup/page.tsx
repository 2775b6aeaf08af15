import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsSetup } from "@/lib/auth/first-admin";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "First-run setup" };

/** Open only while Vigil has no user; afterwards it sends everyone to sign in. */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/signin");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="card w-full max-w-sm">
        <h1 className="mb-1 text-lg font-semibold">Create the first administrator</h1>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          A one-time step. The setup token is in the server log, on the line starting with [setup]: only whoever runs Vigil can read it.
          Further users are added by an administrator in Settings.
        </p>
        <SetupForm />
      </div>
    </main>
  );
}
