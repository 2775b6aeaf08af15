import type { ReactNode } from "react";
import { Link } from "./link";

/** "Mesh / this page": the list a detail page belongs to, and the page's own name. */
export function Breadcrumb({ parent, children }: { parent: { href: string; label: string }; children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-xs text-zinc-500">
      <Link href={parent.href} className="hover:underline">
        {parent.label}
      </Link>{" "}
      / {children}
    </nav>
  );
}
