import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable } from "@/components/ui/table";
import { STATUS_WORD, type ControlState, type ControlStatus } from "@/lib/evidence/control-matrix";

/** Word + shape + colour for each status, never colour alone. */
const LOOK: Record<ControlState, { mark: string; cls: string }> = {
  "satisfied": { mark: "●", cls: "text-green-800 dark:text-green-400" },
  "failing": { mark: "■", cls: "text-red-700 dark:text-red-400" },
  "exceptions": { mark: "◆", cls: "text-amber-800 dark:text-amber-300" },
  "incomplete": { mark: "◐", cls: "text-amber-800 dark:text-amber-300" },
  "not-assessed": { mark: "○", cls: "text-zinc-600 dark:text-zinc-400" },
};

export function ControlTable({ controls }: { controls: ControlStatus[] }) {
  return (
    <DataTable
      caption="Control status"
      head={<PlainHeaderRow labels={["Control", "Title", "Status", "Coverage", "Findings / exceptions"]} />}
    >
      {controls.map((c) => {
        const look = LOOK[c.status];
        const ran = c.checks.filter((l) => l.ran);
        return (
          <tr key={`${c.framework}:${c.id}`} data-control={`${c.framework} ${c.id}`}>
            <td className="whitespace-nowrap px-2 py-1.5 align-top font-mono text-xs">
              {c.framework} {c.id}
            </td>
            <td className="px-2 py-1.5 align-top">{c.title}</td>
            <td className={`whitespace-nowrap px-2 py-1.5 align-top font-medium ${look.cls}`}>
              <span aria-hidden="true">{look.mark}</span> {STATUS_WORD[c.status]}
            </td>
            <td className="px-2 py-1.5 align-top text-xs">
              {ran.length === 0 ? (
                <span className="text-zinc-500">No mapped check ran ({c.checks.map((l) => l.check).join(", ") || "none mapped"})</span>
              ) : (
                <details>
                  <summary className="cursor-pointer">
                    {ran.length} of {c.checks.length} checks ran
                  </summary>
                  <ul className="mt-1 list-disc pl-4">
                    {c.checks.map((l) => (
                      <li key={l.check}>
                        <span className="font-mono">{l.check}</span>: {l.coverage}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </td>
            <td className="px-2 py-1.5 align-top text-xs">
              {c.failingCount > 0 && (
                <details>
                  <summary className="cursor-pointer text-red-700 dark:text-red-400">{c.failingCount} failing</summary>
                  <ul className="mt-1 list-disc pl-4">
                    {c.failing.slice(0, 10).map((f) => (
                      <li key={f.key}>
                        <span className="font-mono">{f.check}</span> — {f.subjectLabel ?? f.subjectId}: {f.detail}
                      </li>
                    ))}
                    {c.failingCount > 10 && <li>… and {c.failingCount - 10} more in the bundle</li>}
                  </ul>
                </details>
              )}
              {c.exceptionsCount > 0 && (
                <details>
                  <summary className="cursor-pointer text-amber-800 dark:text-amber-300">{c.exceptionsCount} accepted</summary>
                  <ul className="mt-1 list-disc pl-4">
                    {c.exceptions.slice(0, 10).map((x) => (
                      <li key={x.key}>
                        <span className="font-mono">{x.check}</span> — {x.subjectLabel ?? x.subjectId}: “{x.reason}”, {x.owner}, until{" "}
                        {x.expires?.slice(0, 10) ?? "no expiry"}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {c.failingCount === 0 && c.exceptionsCount === 0 && <span className="text-zinc-500">none</span>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
