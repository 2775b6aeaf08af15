"use client";
import { usePathname } from "next/navigation";
import { Link } from "@/components/ui/link";

/** Every Settings page, in one order, on every Settings page (the layout renders it once for all of them). */
export const SETTINGS_PAGES = [
  { href: "/settings", label: "Connections" },
  { href: "/settings/policy", label: "Policy" },
  { href: "/settings/registry", label: "Registry" },
  { href: "/settings/alerts", label: "Alerts & metrics" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/audit", label: "Audit log" },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-4 flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {SETTINGS_PAGES.map((p) => {
        const active = pathname === p.href;
        return (
          <Link
            key={p.href}
            href={p.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
              active
                ? "border-sky-700 font-medium text-sky-900 dark:border-sky-400 dark:text-sky-100"
                : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {p.label}
          </Link>
        );
      })}
    </nav>
  );
}
