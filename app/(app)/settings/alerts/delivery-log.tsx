import { formatUtc } from "@/components/ui/time-ago";
import { retryDeliveryAction } from "./actions";

export interface DeliveryRow {
  id: string;
  webhookName: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
}

const STATUS_STYLE: Record<DeliveryRow["status"], string> = {
  delivered: "text-green-800 dark:text-green-400",
  pending: "text-amber-800 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
};

/** Every delivery and what became of it; admins can send a pending or failed one again now. */
export function DeliveryLog({ rows, canRetry }: { rows: DeliveryRow[]; canRetry: boolean }) {
  if (rows.length === 0)
    return <p className="text-sm text-zinc-500">No deliveries yet. They appear after a scan finds something a webhook asked for.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Webhook deliveries">
        <thead className="text-xs text-zinc-500">
          <tr>
            <th className="py-1">Queued</th>
            <th>Webhook</th>
            <th>Event</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Last answer</th>
            <th>Next attempt</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <td className="py-1.5 whitespace-nowrap" title={d.id}>
                {formatUtc(d.createdAt)}
              </td>
              <td>{d.webhookName}</td>
              <td className="mono">{d.event}</td>
              <td className={`font-medium ${STATUS_STYLE[d.status]}`}>{d.status}</td>
              <td>{d.attempts}</td>
              <td className="max-w-xs break-words">
                {d.lastStatus !== null && <span className="mono">HTTP {d.lastStatus} </span>}
                {d.lastError ?? (d.status === "delivered" ? "" : "—")}
              </td>
              <td className="whitespace-nowrap">
                {d.status === "pending" ? formatUtc(d.nextAttemptAt) : d.deliveredAt ? `delivered ${formatUtc(d.deliveredAt)}` : "—"}
              </td>
              <td>
                {canRetry && d.status !== "delivered" && (
                  <form action={retryDeliveryAction}>
                    <input type="hidden" name="id" value={d.id} />
                    <button className="btn whitespace-nowrap text-xs">Retry now</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
