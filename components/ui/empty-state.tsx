import { Link } from "@/components/ui/link";
import type { ReactNode } from "react";

/** Says exactly what is missing and the one step that fixes it. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="card flex flex-col items-start gap-2 border-dashed py-8">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      {action && (
        <Link href={action.href} className="btn-primary mt-2">
          {action.label}
        </Link>
      )}
    </div>
  );
}
