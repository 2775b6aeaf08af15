import type { EndpointFacts, ProbeAttempt } from "@/lib/snapshot/types";
import { Icon } from "@/components/ui/icon";
import { Truncated } from "@/components/ui/truncated";
import { PlainHeader } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";

/** What each attempt proves, so the outcome column can be read without knowing the prober. */
const ATTEMPTS: { key: keyof EndpointFacts["probes"]; name: string; expect: string }[] = [
  { key: "withClientCert", name: "With auditor client certificate", expect: "should succeed" },
  { key: "withoutClientCert", name: "Without a client certificate", expect: "should be refused (mTLS)" },
  { key: "tls12", name: "TLS capped at 1.2", expect: "refused when policy is TLS 1.3" },
  { key: "tls11", name: "TLS capped at 1.1", expect: "should be refused" },
  { key: "plainHttp", name: "Plain HTTP", expect: "should not be answered" },
];

function Outcome({ a }: { a: ProbeAttempt }) {
  const ok = a.outcome === "ok";
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium">
      <Icon name={ok ? "check" : "cross"} className="h-3.5 w-3.5" />
      {a.outcome}
    </span>
  );
}

export function ProbesTable({ probes }: { probes: EndpointFacts["probes"] }) {
  return (
    <DataTable caption="Probe attempts" head={<tr><PlainHeader label="Attempt" /><PlainHeader label="Outcome" /><PlainHeader label="Protocol" /><PlainHeader label="Cipher" /><PlainHeader label="HTTP status" /><PlainHeader label="ms" className="text-right" /><PlainHeader label="Error" /></tr>}>
          {ATTEMPTS.map(({ key, name, expect }) => {
            const a = probes[key];
            return (
              <tr key={key} className="align-top">
                <Td>
                  <div className="font-medium">{name}</div>
                  <div className="text-xs text-zinc-500">{expect}</div>
                </Td>
                {a ? (
                  <>
                    <Td><Outcome a={a} /></Td>
                    <Td className="mono">{a.protocol ?? "—"}</Td>
                    <Td className="max-w-48"><Truncated text={a.cipher} className="max-w-full mono" /></Td>
                    <Td className="mono">{a.httpStatus ?? "—"}</Td>
                    <Td className="text-right mono">{Math.round(a.ms)}</Td>
                    <Td className="max-w-80 text-xs"><Truncated text={a.error} className="max-w-full" /></Td>
                  </>
                ) : (
                  <td colSpan={6} className="px-2 py-1.5 text-xs text-zinc-500">not attempted (nothing answered, or not needed)</td>
                )}
              </tr>
            );
          })}
    </DataTable>
  );
}
