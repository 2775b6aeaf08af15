import type { ReactNode } from "react";

/**
 * `<DataTable caption="Rooms" head={<tr>…</tr>}>{rows}</DataTable>`: dense, sticky
 * header, horizontal scroll on narrow screens. Cells use `<Td>`.
 */
export function DataTable({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          {head}
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return <td className={`px-2 py-1.5 align-middle ${className}`}>{children}</td>;
}

/** The row shown when a filter matches nothing: says so, and how to widen it. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-2 py-6 text-center text-sm text-zinc-500">
        {children}
      </td>
    </tr>
  );
}
