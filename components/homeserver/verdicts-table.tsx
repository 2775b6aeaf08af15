import { Icon } from "@/components/ui/icon";
import { Link } from "@/components/ui/link";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import type { HomeserverVerdict } from "@/lib/views/homeserver";

/** Word + shape + colour for each verdict; unknown is its own state, never a pass (as on the endpoint page). */
const LOOK = {
  pass: { word: "Pass", icon: "check", cls: "text-green-800 dark:text-green-300" },
  fail: { word: "Fail", icon: "cross", cls: "text-red-700 dark:text-red-300" },
  unknown: { word: "Unknown", icon: "finding", cls: "text-zinc-600 dark:text-zinc-400" },
} as const;

/** Every HS-* check on the homeserver: expected → observed → verdict, each linked to its findings. */
export function HomeserverVerdictsTable({ verdicts, subjectId }: { verdicts: HomeserverVerdict[]; subjectId: string }) {
  return (
    <DataTable caption="Homeserver check verdicts" head={<PlainHeaderRow labels={["Check", "Expected", "Observed", "Verdict"]} />}>
      {verdicts.map(({ meta, status, detail }) => {
        const look = LOOK[status];
        const href = `/findings?status=all&check=${encodeURIComponent(meta.id)}&subject=homeserver&subjectId=${encodeURIComponent(subjectId)}`;
        return (
          <tr key={meta.id} className="align-top" data-check={meta.id} data-verdict={status}>
            <Td>
              <Link href={href} className="mono text-xs hover:underline">
                {meta.id}
              </Link>
              <div className="text-xs text-zinc-500">{meta.title}</div>
            </Td>
            <Td className="text-xs">{meta.expectation ?? "—"}</Td>
            <Td className="max-w-[32rem] text-xs">
              <Truncated text={detail} className="max-w-full" />
            </Td>
            <Td>
              <span className={`inline-flex items-center gap-1 text-xs font-medium ${look.cls}`}>
                <Icon name={look.icon} className="h-3.5 w-3.5" />
                {look.word}
              </span>
            </Td>
          </tr>
        );
      })}
    </DataTable>
  );
}
