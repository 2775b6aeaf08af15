import type { EndpointFacts, ProbeAttempt } from "@/lib/snapshot/types";
import { Icon } from "@/components/ui/icon";
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

/** Free text (ciphers, answers, errors) breaks anywhere: one long token must never widen the table past the page. */
const WRAP = "[overflow-wrap:anywhere]";

/**
 * Four columns, each fact stacked inside its cell (protocol and cipher under the outcome, the error under the
 * answer), wrapping rather than truncating: at 1280 px seven columns of long ciphers and errors overflowed by a few px.
 */
export function ProbesTable({ probes }: { probes: EndpointFacts["probes"] }) {
  return (
    <DataTable
      caption="Probe attempts"
      head={
        <tr>
          <PlainHeader label="Attempt" className="w-64" />
          <PlainHeader label="Outcome, protocol, cipher" className="w-72" />
          <PlainHeader label="Answer or error" />
          <PlainHeader label="ms" className="w-16 text-right" />
        </tr>
      }
    >
      {ATTEMPTS.map(({ key, name, sends }) => {
        const a = probes[key];
        return (
          <tr key={key} className="align-top" data-attempt={key}>
            <Td>
              <div className="font-medium">{name}</div>
              <div className="text-xs text-zinc-500">{sends}</div>
            </Td>
            {a ? (
              <>
                <Td className={WRAP}>
                  <Outcome a={a} />
                  <div className="mono text-xs">{a.protocol ?? "no protocol"}</div>
                  {a.cipher && <div className="mono text-xs text-zinc-600 dark:text-zinc-400">{a.cipher}</div>}
                </Td>
                <Td className={`text-xs ${WRAP}`}>
                  <div>{a.httpSummary ?? (a.httpStatus ? String(a.httpStatus) : "—")}</div>
                  {a.error && <div className="mt-0.5 text-zinc-600 dark:text-zinc-400">{a.error}</div>}
                </Td>
                <Td className="text-right mono">{Math.round(a.ms)}</Td>
              </>
            ) : (
              <td colSpan={3} className="px-2 py-1.5 text-xs text-zinc-500">
                not attempted (nothing answered, or not needed)
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
