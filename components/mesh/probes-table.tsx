import type { EndpointFacts, ProbeAttempt } from "@/lib/snapshot/types";
import { Icon } from "@/components/ui/icon";
import { Truncated } from "@/components/ui/truncated";
import { PlainHeader } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";

/**
 * The raw attempts, as seen. No tick or cross here: whether "answered" is good depends on
 * the attempt and on its pair (the verdicts above compare them), so this table only reports.
 */
const ATTEMPTS: { key: keyof EndpointFacts["probes"]; name: string; sends: string }[] = [
  { key: "withClientCert", name: "With auditor client certificate", sends: "GET / over TLS, certificate presented" },
  { key: "withoutClientCert", name: "Without a client certificate", sends: "the same GET /, no certificate" },
  { key: "tls12", name: "TLS capped at 1.2", sends: "handshake only" },
  { key: "tls11", name: "TLS capped at 1.1", sends: "handshake only" },
  { key: "plainHttp", name: "Plain HTTP", sends: "GET / in cleartext on the same port" },
];

const OUTCOME_WORD: Record<ProbeAttempt["outcome"], string> = {
  "ok": "completed",
  "refused": "refused",
  "handshake-failed": "handshake failed",
  "timeout": "timed out",
  "error": "error",
};

function Outcome({ a }: { a: ProbeAttempt }) {
  const answered = a.httpStatus !== undefined;
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium">
      <Icon name={answered ? "check" : a.outcome === "ok" ? "check" : "cross"} className="h-3.5 w-3.5" />
      {answered ? `answered HTTP ${a.httpStatus}` : OUTCOME_WORD[a.outcome]}
    </span>
  );
}

export function ProbesTable({ probes }: { probes: EndpointFacts["probes"] }) {
  return (
    <DataTable
      caption="Probe attempts"
      head={
        <tr>
          <PlainHeader label="Attempt" />
          <PlainHeader label="Outcome" />
          <PlainHeader label="Protocol" />
          <PlainHeader label="Cipher" />
          <PlainHeader label="Answer" />
          <PlainHeader label="ms" className="text-right" />
          <PlainHeader label="Error" />
        </tr>
      }
    >
      {ATTEMPTS.map(({ key, name, sends }) => {
        const a = probes[key];
        return (
          <tr key={key} className="align-top">
            <Td>
              <div className="font-medium">{name}</div>
              <div className="text-xs text-zinc-500">{sends}</div>
            </Td>
            {a ? (
              <>
                <Td>
                  <Outcome a={a} />
                </Td>
                <Td className="mono">{a.protocol ?? "—"}</Td>
                <Td className="max-w-48">
                  <Truncated text={a.cipher} className="max-w-full mono" />
                </Td>
                <Td className="max-w-64 text-xs">
                  <Truncated text={a.httpSummary ?? (a.httpStatus ? String(a.httpStatus) : "—")} className="max-w-full" />
                </Td>
                <Td className="text-right mono">{Math.round(a.ms)}</Td>
                <Td className="max-w-80 text-xs">
                  <Truncated text={a.error} className="max-w-full" />
                </Td>
              </>
            ) : (
              <td colSpan={6} className="px-2 py-1.5 text-xs text-zinc-500">
                not attempted (nothing answered, or not needed)
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
