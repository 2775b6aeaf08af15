import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsSetup } from "@/lib/auth/first-admin";
import { safeNextPath } from "@/lib/security/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  if (await needsSetup()) redirect("/setup");
  const { next, error } = await searchParams;
  // Only a path on this origin: "next" must not become an open redirect (see safe-redirect.ts).
  const target = safeNextPath(next);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="card w-full max-w-sm">
        <h1 className="mb-1 text-lg font-semibold">Sign in to Vigil</h1>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Security posture of your agents&apos; channels.</p>
        <SignInForm next={target} initialError={error ? "Sign-in failed. Check the email and password." : undefined} />
      </div>
    </main>
  );
}
