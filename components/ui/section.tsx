import type { ReactNode } from "react";

/** A titled card on a subject page (device, user, certificate); the heading names the section for screen readers. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card mb-4 min-w-0">
      <h2 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
