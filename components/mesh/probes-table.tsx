import type { EndpointFacts, ProbeAttempt } from "@/lib/snapshot/types";
import { Icon } from "@/components/ui/icon";
import { Truncated } from "@/components/ui/truncated";

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
    <div className="card overflow-x-auto p-0">
      <table className="w-full text-left text-sm">
        <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2">Attempt</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2">Protocol</th>
            <th scope="col" className="px-3 py-2">Cipher</th>
            <th scope="col" className="px-3 py-2">HTTP status</th>
            <th scope="col" className="px-3 py-2 text-right">ms</th>
            <th scope="col" className="px-3 py-2">Error</th>
          </tr>
        </thead>
        <tbody>
          {ATTEMPTS.map(({ key, name, expect }) => {
            const a = probes[key];
            return (
              <tr key={key} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-3 py-2">
                  <div className="font-medium">{name}</div>
                  <div className="text-xs text-zinc-500">{expect}</div>
                </td>
                {a ? (
                  <>
                    <td className="px-3 py-2"><Outcome a={a} /></td>
                    <td className="px-3 py-2 mono">{a.protocol ?? "—"}</td>
                    <td className="max-w-48 px-3 py-2"><Truncated text={a.cipher} className="max-w-full mono" /></td>
                    <td className="px-3 py-2 mono">{a.httpStatus ?? "—"}</td>
                    <td className="px-3 py-2 text-right mono">{Math.round(a.ms)}</td>
                    <td className="max-w-80 px-3 py-2 text-xs"><Truncated text={a.error} className="max-w-full" /></td>
                  </>
                ) : (
                  <td colSpan={6} className="px-3 py-2 text-xs text-zinc-500">not attempted (nothing answered, or not needed)</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
