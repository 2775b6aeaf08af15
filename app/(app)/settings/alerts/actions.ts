"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { retryDeliveryNow } from "@/lib/alerts/deliver";
import { createWebhook, deleteWebhook, WebhookInput } from "@/lib/alerts/webhooks";
import { getDb } from "@/lib/db";
import { ScheduleMinutes, SCHEDULE_SETTING, syncSchedule } from "@/lib/scan/schedule";
import { rotateMetricsToken } from "@/lib/metrics/token";

/** What the forms show: an error to act on, or a one-time secret. */
export interface AlertsActionState {
  ok?: boolean;
  error?: string;
  message?: string;
  /** Shown once, never stored in clear. */
  secret?: string;
  /** What was submitted, so a refused form comes back filled in (React resets forms after an action). */
  values?: { name: string; url: string; events: string[]; minSeverity: string };
  at?: number;
}

const PATH = "/settings/alerts";
const done = (s: Omit<AlertsActionState, "at">): AlertsActionState => ({ ...s, at: Date.now() });

/** A missing role or session comes back as a message like any other error; perform() has audited it. */
async function guarded(
  action: Parameters<typeof perform>[0],
  target: string,
  fn: (actor: string) => Promise<AlertsActionState>,
): Promise<AlertsActionState> {
  try {
    return await perform(action, target, (actor) => fn(actor.email));
  } catch (err) {
    return done({ ok: false, error: (err as Error).message });
  }
}

export async function createWebhookAction(_prev: AlertsActionState, form: FormData): Promise<AlertsActionState> {
  const parsed = WebhookInput.safeParse({
    name: form.get("name"),
    url: form.get("url"),
    events: form.getAll("events"),
    minSeverity: form.get("minSeverity"),
  });
  const values = {
    name: String(form.get("name") ?? ""),
    url: String(form.get("url") ?? ""),
    events: form.getAll("events").map(String),
    minSeverity: String(form.get("minSeverity") ?? ""),
  };
  const target = `webhook:${values.name.slice(0, 100)}`;
  if (!parsed.success) {
    // Still through perform: a refused role is refused (and audited) before we talk about the input.
    const error = parsed.error.issues.map((i) => i.message).join("\n");
    const refused = await guarded("webhooks.manage", target, async () => done({ ok: false, error }));
    return { ...refused, values };
  }
  return guarded("webhooks.manage", target, async (actor) => {
    const { secret } = await createWebhook(getDb(), parsed.data, actor);
    revalidatePath(PATH);
    return done({
      ok: true,
      secret,
      message: `Webhook "${parsed.data.name}" added. Copy its signing secret now: it will not be shown again.`,
    });
  });
}

export async function deleteWebhookAction(form: FormData): Promise<void> {
  const id = String(form.get("id") ?? "");
  await guarded("webhooks.manage", `webhook:${id}`, async () => {
    await deleteWebhook(getDb(), id);
    revalidatePath(PATH);
    return done({ ok: true });
  });
}

export async function retryDeliveryAction(form: FormData): Promise<void> {
  const id = String(form.get("id") ?? "");
  await guarded("webhooks.manage", `delivery:${id}`, async () => {
    await retryDeliveryNow(getDb(), id);
    revalidatePath(PATH);
    return done({ ok: true });
  });
}

export async function saveScheduleAction(_prev: AlertsActionState, form: FormData): Promise<AlertsActionState> {
  const parsed = ScheduleMinutes.safeParse(String(form.get("minutes") ?? "").trim() || undefined);
  return guarded("scan.schedule", "scan.schedule", async (actor) => {
    if (!parsed.success) return done({ ok: false, error: parsed.error.issues[0]?.message ?? "Enter a number of minutes." });
    const db = getDb();
    await db.setting.upsert({
      where: { key: SCHEDULE_SETTING },
      create: { key: SCHEDULE_SETTING, value: parsed.data, updatedBy: actor },
      update: { value: parsed.data, updatedBy: actor },
    });
    await syncSchedule(db);
    revalidatePath(PATH);
    return done({ ok: true, message: parsed.data === 0 ? "Scheduled scans are off." : `A scan will run every ${parsed.data} minutes.` });
  });
}

export async function rotateMetricsTokenAction(_prev: AlertsActionState): Promise<AlertsActionState> {
  return guarded("metrics.token", "metrics.token", async (actor) => {
    const secret = await rotateMetricsToken(getDb(), actor);
    revalidatePath(PATH);
    return done({
      ok: true,
      secret,
      message: "New metrics token. Copy it now: it will not be shown again, and the previous one no longer works.",
    });
  });
}
