import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import type { SignatureRow, SignatureVerdict } from "@/lib/views/device-view";

const LOOK: Record<SignatureVerdict, { tone: BadgeTone; icon: string }> = {
  valid: { tone: "ok", icon: "check" },
  invalid: { tone: "critical", icon: "shieldCross" },
  missing: { tone: "high", icon: "finding" },
  unknown: { tone: "neutral", icon: "clock" },
};

/** The chain a device's trust rests on, one signature a row, each with the verdict the scan computed and why. */
export function SignatureTable({ rows }: { rows: SignatureRow[] }) {
  return (
    <DataTable caption="Signatures" head={<PlainHeaderRow labels={["Signature", "Verdict", "Why"]} />}>
      {rows.map((s) => (
        <tr key={s.id} data-signature={s.id} data-verdict={s.verdict} className="align-top">
          <Td className="w-80">{s.label}</Td>
          <Td>
            <Badge tone={LOOK[s.verdict].tone} icon={LOOK[s.verdict].icon}>
              {s.verdict}
            </Badge>
          </Td>
          <Td className="text-zinc-700 dark:text-zinc-300">{s.detail}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
