import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Nav } from "@/components/shell/nav";
import { SignOutButton } from "@/components/shell/sign-out";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { requireActor } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const theme = (await cookies()).get("vigil-theme")?.value;
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 flex-col gap-4 border-r border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex items-center gap-2 px-1.5 pt-1">
          {/* eslint-disable-next-line @next/next/no-img-element -- a local SVG, no optimisation needed */}
          <img src="/favicon.svg" alt="" className="h-6 w-6" />
          <span className="text-lg font-semibold tracking-tight">Vigil</span>
        </div>
        <Nav />
        <div className="mt-auto flex flex-col gap-2 border-t border-zinc-200 pt-3 text-xs dark:border-zinc-800">
          <div className="truncate px-1" title={actor.email}>
            <div className="truncate font-medium">{actor.email}</div>
            <div className="text-zinc-500">Role: {actor.role}</div>
          </div>
          <ThemeToggle initial={theme === "dark" || theme === "light" ? theme : "system"} />
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-6 py-5">{children}</main>
    </div>
  );
}
