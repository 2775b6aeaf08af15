import type { Change } from "@/lib/drift/types";
import type { Severity } from "@/lib/rules/types";

const TONE: Record<Severity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-orange-600 text-white",
  medium: "bg-amber-200 text-amber-950",
  low: "bg-zinc-200 text-zinc-900",
  info: "bg-sky-100 text-sky-950",
};

/** The hint as a word on a colour: never colour alone. */
function SeverityHint({ severity }: { severity: Severity }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE[severity]}`}>{severity}</span>;
}

/** One list of changes; values are hostile text (room names, ids): rendered as text only. */
export function ChangeTable({ changes, caption }: { changes: Change[]; caption: string }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase text-zinc-500">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Severity
            </th>
            <th scope="col" className="py-1 pr-3">
              Change
            </th>
            <th scope="col" className="py-1 pr-3">
              Subject
            </th>
            <th scope="col" className="py-1 pr-3">
              Before
            </th>
            <th scope="col" className="py-1">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr
              key={`${c.kind}|${c.subject.id}|${c.after ?? ""}|${i}`}
              className="border-t border-zinc-200 align-top dark:border-zinc-800"
              data-kind={c.kind}
            >
              <td className="py-1.5 pr-3">
                <SeverityHint severity={c.severity} />
              </td>
              <td className="py-1.5 pr-3">
                <span className="font-medium">{c.detail}</span>
                <span className="block text-xs text-zinc-500">{c.kind}</span>
              </td>
              <td className="py-1.5 pr-3">
                <span className="mono break-all">{c.subject.id}</span>
                {c.subject.label && <span className="block text-xs text-zinc-500">{c.subject.label}</span>}
              </td>
              <td className="mono break-all py-1.5 pr-3 text-xs">{c.before ?? "—"}</td>
              <td className="mono break-all py-1.5 text-xs">{c.after ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
