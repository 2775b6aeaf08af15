import { Icon } from "@/components/ui/icon";
import { Link } from "@/components/ui/link";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import { meshChecks } from "@/lib/rules/checks/mesh";
import type { Check } from "@/lib/rules/types";
import type { EndpointVerdict } from "@/lib/scan/mesh-rows";

/** Word + shape + colour for each verdict; unknown is its own state, never a pass. */
const LOOK = {
  pass: { word: "Pass", icon: "check", cls: "text-green-800 dark:text-green-300" },
  fail: { word: "Fail", icon: "cross", cls: "text-red-700 dark:text-red-300" },
  unknown: { word: "Unknown", icon: "finding", cls: "text-zinc-600 dark:text-zinc-400" },
} as const;

export interface VerdictsTableProps {
  verdicts: EndpointVerdict[];
  endpoint: string;
  /** Which checks get a row, in this order; the TLS probe's mesh checks unless told (the conformance section passes its own). */
  checks?: readonly Check[];
  caption?: string;
}

/** Every mesh check on this endpoint: expected → observed → verdict, and whether a trusted scanner can say the same. */
export function VerdictsTable({ verdicts, endpoint, checks = meshChecks, caption = "Check verdicts" }: VerdictsTableProps) {
  const byCheck = new Map(verdicts.map((v) => [v.check, v]));
  return (
    <DataTable caption={caption} head={<PlainHeaderRow labels={["Check", "Expected", "Observed", "Verdict", "Also judged by"]} />}>
      {checks.map(({ meta }) => {
        const v = byCheck.get(meta.id);
        const look = v ? LOOK[v.status] : undefined;
        const findingsHref = `/findings?status=all&check=${encodeURIComponent(meta.id)}&subject=endpoint&subjectId=${encodeURIComponent(endpoint)}`;
        return (
          <tr key={meta.id} className="align-top" data-check={meta.id}>
            <Td>
              <Link href={findingsHref} className="mono text-xs hover:underline">
                {meta.id}
              </Link>
              <div className="text-xs text-zinc-500">{meta.title}</div>
            </Td>
            <Td className="text-xs">{meta.expectation ?? "—"}</Td>
            <Td className="max-w-[32rem] text-xs">
              <Truncated text={v?.detail ?? "not examined in this scan"} className="max-w-full" />
            </Td>
            <Td>
              {look ? (
                <span className={`inline-flex items-center gap-1 text-xs font-medium ${look.cls}`}>
                  <Icon name={look.icon} className="h-3.5 w-3.5" />
                  {look.word}
                </span>
              ) : (
                <span className="text-xs text-zinc-500">—</span>
              )}
            </Td>
            <Td className="text-xs">
              {meta.alsoJudgedBy?.length ? meta.alsoJudgedBy.join(", ") : <span className="text-zinc-500">only Vigil can tell</span>}
            </Td>
          </tr>
        );
      })}
    </DataTable>
  );
}
