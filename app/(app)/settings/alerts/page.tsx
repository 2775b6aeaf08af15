import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { can, requireActor } from "@/lib/auth/session";
import { getAlertSettings } from "@/lib/views/alerts";
import { deleteWebhookAction } from "./actions";
import { DeliveryLog } from "./delivery-log";
import { MetricsTokenForm, ScheduleForm } from "./small-forms";
import { WebhookForm } from "./webhook-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Alerts" };

/** Webhook URLs often carry a token in their path (chat integrations do): only admins see them whole. */
function shownUrl(url: string, full: boolean): string {
  if (full) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "(invalid URL)";
  }
}

export default async function AlertsPage() {
  const actor = await requireActor();
  const { hooks, deliveries, minutes, nextScan, lastScanJob, tokenRow } = await getAlertSettings();
  const manageHooks = can(actor, "webhooks.manage");
  const tokenFromEnv = Boolean(env().VIGIL_METRICS_TOKEN);
  return (
    <>
      <PageHeader title="Alerts & metrics" subtitle="Scheduled scans, webhooks and their deliveries, and the Prometheus scrape token." />
      <div className="grid gap-5 xl:grid-cols-2">
        <section aria-labelledby="schedule-title" className="card flex flex-col gap-3">
          <h2 id="schedule-title" className="text-base font-semibold">
            Scheduled scans
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {minutes === 0 ? "Off: scans run only when someone starts one." : `Every ${minutes} minutes.`}
            {nextScan && <> Next: {nextScan.runAt.toISOString().replace("T", " ").slice(0, 16)} UTC.</>}
            {lastScanJob && (
              <>
                {" "}
                Last scheduled run: {lastScanJob.status}
                {lastScanJob.lastError ? ` — ${lastScanJob.lastError}` : ""}.
              </>
            )}
          </p>
          {can(actor, "scan.schedule") ? (
            <ScheduleForm minutes={minutes} />
          ) : (
            <p className="text-sm text-zinc-500">Changing the schedule needs the admin role.</p>
          )}
        </section>

        <section aria-labelledby="metrics-title" className="card flex flex-col gap-3">
          <h2 id="metrics-title" className="text-base font-semibold">
            Prometheus metrics
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Scrape <span className="mono">/api/metrics</span> with <span className="mono">Authorization: Bearer &lt;token&gt;</span>.{" "}
            {tokenFromEnv
              ? "The token is set by VIGIL_METRICS_TOKEN, which overrides one generated here."
              : tokenRow
                ? `Token set by ${tokenRow.updatedBy ?? "an admin"} on ${tokenRow.updatedAt.toISOString().slice(0, 10)}.`
                : "No token yet: the endpoint refuses every scrape until one exists."}
          </p>
          {can(actor, "metrics.token") ? (
            <MetricsTokenForm configured={Boolean(tokenRow)} />
          ) : (
            <p className="text-sm text-zinc-500">Generating a token needs the admin role.</p>
          )}
        </section>

        <section aria-labelledby="webhooks-title" className="card flex flex-col gap-4 xl:col-span-2">
          <h2 id="webhooks-title" className="text-base font-semibold">
            Webhooks
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Each call is a JSON POST signed with{" "}
            <span className="mono">Vigil-Signature: t=…,v1=HMAC-SHA256(secret, &quot;t.body&quot;)</span> and identified by{" "}
            <span className="mono">Vigil-Delivery</span>; receivers should reject stale timestamps and delivery ids they have seen.
          </p>
          {hooks.length === 0 ? (
            <p className="text-sm text-zinc-500">No webhooks.</p>
          ) : (
            <ul className="flex flex-col divide-y divide-zinc-100 text-sm dark:divide-zinc-800" aria-label="Webhooks">
              {hooks.map((h) => (
                <li key={h.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
                  <span className="font-medium">{h.name}</span>
                  <span className="mono break-all">{shownUrl(h.url, manageHooks)}</span>
                  <span>{h.events.join(", ")}</span>
                  <span>≥ {h.minSeverity}</span>
                  {!h.enabled && <span className="text-zinc-500">disabled</span>}
                  {manageHooks && (
                    <form action={deleteWebhookAction} className="ml-auto">
                      <input type="hidden" name="id" value={h.id} />
                      <button className="btn text-xs" aria-label={`Delete webhook ${h.name}`}>
                        Delete
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {manageHooks ? (
            <div className="max-w-xl">
              <WebhookForm />
            </div>
          ) : (
            <p className="text-sm text-zinc-500">Adding webhooks needs the admin role.</p>
          )}
        </section>

        <section aria-labelledby="deliveries-title" className="card flex flex-col gap-3 xl:col-span-2">
          <h2 id="deliveries-title" className="text-base font-semibold">
            Delivery log
          </h2>
          <DeliveryLog canRetry={manageHooks} rows={deliveries.map((d) => ({ ...d, webhookName: d.webhook.name }))} />
        </section>
      </div>
    </>
  );
}
