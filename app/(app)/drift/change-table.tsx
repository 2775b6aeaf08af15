import { MonoId } from "@/components/ui/mono-id";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { Truncated } from "@/components/ui/truncated";
import type { Change } from "@/lib/drift/types";

/**
 * One list of changes; values are hostile text (room names, ids): rendered as text only. Ids are never broken
 * mid-word: they stay on one line, cut with an ellipsis, whole on hover and on the copy button (as on every list).
 */
export function ChangeTable({ changes, caption }: { changes: Change[]; caption: string }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes.</p>;
  return (
    <table className="w-full table-fixed text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="w-24" />
        <col />
        <col className="w-[30%]" />
        <col className="w-[18%]" />
        <col className="w-[18%]" />
      </colgroup>
      <thead className="text-xs uppercase text-zinc-500">
        <tr>
          {["Severity", "Change", "Subject", "Before", "After"].map((h) => (
            <th key={h} scope="col" className="py-1 pr-3">
              {h}
            </th>
          ))}
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
              <SeverityBadge severity={c.severity} />
            </td>
            <td className="py-1.5 pr-3">
              <span className="font-medium">{c.detail}</span>
              <span className="block text-xs text-zinc-500">{c.kind}</span>
            </td>
            <td className="py-1.5 pr-3" data-drift-subject>
              <MonoId value={c.subject.id} label={`${c.subject.type} id`} max="max-w-full" />
              {c.subject.label && <Truncated text={c.subject.label} className="max-w-full text-xs text-zinc-500" />}
            </td>
            <td className="py-1.5 pr-3">
              <Truncated text={c.before} className="mono max-w-full text-xs" />
            </td>
            <td className="py-1.5">
              <Truncated text={c.after} className="mono max-w-full text-xs" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
