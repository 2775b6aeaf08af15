/**
 * Webhook registrations. The signing secret is generated here, returned to the
 * admin exactly once, and kept sealed in Secret "webhook.<id>" (AES-256-GCM,
 * the name bound in): the database never holds it in clear, and no view can
 * show it again. The URL is a secret too (chat integrations put their token in
 * the path): it is sealed in Secret "webhook-url.<id>", and the Webhook row
 * keeps only its origin, which is all any page or log line shows.
 * Callers (server actions) wrap these in perform() for the role check and the
 * audit record.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { open, seal } from "../secrets/box";
import { getSecretKey } from "../secrets/keys";
import { SEVERITIES } from "../rules/types";

export const WEBHOOK_EVENTS = ["finding.new", "drift"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const secretName = (webhookId: string) => `webhook.${webhookId}`;
const urlSecretName = (webhookId: string) => `webhook-url.${webhookId}`;

/** What may be shown or logged of a webhook URL: its origin, and an ellipsis when there was more. */
export function webhookUrlOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname === "/" && !u.search && !u.hash ? "/" : "/…"}`;
  } catch {
    return "(invalid URL)";
  }
}

const sealed = (name: string, plaintext: string) => Buffer.from(seal(getSecretKey(), name, plaintext), "utf8");

export const WebhookInput = z.object({
  name: z.string().trim().min(1, "Give the webhook a name.").max(100, "Keep the name under 100 characters."),
  url: z
    .string()
    .trim()
    .url("The URL is not a valid absolute URL (e.g. https://alerts.example.com/vigil).")
    .refine((u) => /^https?:$/.test(new URL(u).protocol), "Only http:// and https:// URLs can receive webhooks."),
  events: z.array(z.enum(WEBHOOK_EVENTS, "Unknown event.")).min(1, "Pick at least one event."),
  minSeverity: z.enum(SEVERITIES, "Pick a minimum severity."),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

/** Creates a webhook and its secret; the returned secret is the only copy that will ever be readable in clear. */
export async function createWebhook(db: PrismaClient, input: WebhookInput, createdBy: string): Promise<{ id: string; secret: string }> {
  const secret = "whsec_" + randomBytes(24).toString("base64url");
  const id = await db.$transaction(async (tx) => {
    const hook = await tx.webhook.create({ data: { ...input, url: webhookUrlOrigin(input.url), createdBy } });
    const name = secretName(hook.id);
    await tx.secret.create({ data: { name, ciphertext: sealed(name, secret), updatedBy: createdBy } });
    await tx.secret.create({
      data: { name: urlSecretName(hook.id), ciphertext: sealed(urlSecretName(hook.id), input.url), updatedBy: createdBy },
    });
    return hook.id;
  });
  return { id, secret };
}

/** Deletes a webhook, its secret and its delivery log. */
export async function deleteWebhook(db: PrismaClient, id: string): Promise<void> {
  await db.$transaction([
    db.secret.deleteMany({ where: { name: { in: [secretName(id), urlSecretName(id)] } } }),
    db.webhook.deleteMany({ where: { id } }),
  ]);
}

/** The signing secret, for the delivery worker only. */
export async function readWebhookSecret(db: Pick<PrismaClient, "secret">, id: string): Promise<string | undefined> {
  const name = secretName(id);
  const row = await db.secret.findUnique({ where: { name } });
  return row ? open(getSecretKey(), name, Buffer.from(row.ciphertext).toString("utf8")) : undefined;
}

/** The full URL, for the delivery worker only: sealed, or (a row from before URLs were sealed) the row's own. */
export async function readWebhookUrl(db: Pick<PrismaClient, "secret">, hook: { id: string; url: string }): Promise<string> {
  const name = urlSecretName(hook.id);
  const row = await db.secret.findUnique({ where: { name } });
  return row ? open(getSecretKey(), name, Buffer.from(row.ciphertext).toString("utf8")) : hook.url;
}

/**
 * Seals the URLs of webhooks registered before URLs were sealed, leaving only
 * their origin in the row. Run at start; a row already sealed is left alone.
 */
export async function sealLegacyWebhookUrls(db: PrismaClient): Promise<number> {
  const hooks = await db.webhook.findMany({ select: { id: true, url: true } });
  const rows = await db.secret.findMany({ where: { name: { startsWith: "webhook-url." } }, select: { name: true } });
  const sealedNames = new Set(rows.map((r) => r.name));
  let count = 0;
  for (const hook of hooks) {
    const name = urlSecretName(hook.id);
    if (sealedNames.has(name)) continue;
    await db.$transaction([
      db.secret.create({ data: { name, ciphertext: sealed(name, hook.url), updatedBy: "system" } }),
      db.webhook.update({ where: { id: hook.id }, data: { url: webhookUrlOrigin(hook.url) } }),
    ]);
    count++;
  }
  return count;
}
