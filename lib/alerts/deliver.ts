/**
 * Delivering one webhook call, as a job. Scans only enqueue (lib/scan/after-scan.ts);
 * this runs in the worker, so a slow or dead receiver never holds a scan up.
 * Each attempt is bounded by a timeout; a failure schedules the next attempt
 * on an exponential backoff and records what went wrong; after the last
 * attempt the delivery is marked failed and stays in the log — never dropped.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { backoffDelay, enqueue } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";
import { log } from "../log";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";
import { redactKnown } from "../secrets/redact";
import { readWebhookSecret, readWebhookUrl } from "./webhooks";

export const DELIVER_JOB = "webhook.deliver";

export interface DeliveryOptions {
  /** Delay before attempt n+1; the last step repeats. */
  backoffMs: readonly number[];
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  backoffMs: [10_000, 60_000, 300_000, 1_800_000, 7_200_000],
  maxAttempts: 6,
  timeoutMs: 10_000,
};

/** Queues the first attempt of a delivery row. */
export async function scheduleDelivery(db: PrismaClient, deliveryId: string, at: Date = new Date()): Promise<void> {
  await enqueue(db, DELIVER_JOB, { deliveryId }, at);
}

/**
 * Makes one attempt. The delivery is leased with a conditional update first,
 * so a "retry now" racing a scheduled retry sends once, and a job left over
 * from an earlier schedule finds nothing due and does nothing.
 */
export async function attemptDelivery(db: PrismaClient, deliveryId: string, opts: DeliveryOptions = DEFAULT_DELIVERY): Promise<void> {
  const now = new Date();
  const lease = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + opts.timeoutMs + 60_000), attempts: { increment: 1 } },
  });
  if (lease.count === 0) return;
  const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { webhook: true } });

  let status: number | undefined;
  let error: string | undefined;
  const secret = await readWebhookSecret(db, d.webhookId).catch((e: unknown) => {
    error = `cannot read the signing secret: ${(e as Error).message}`;
    return undefined;
  });
  const url = secret ? await readWebhookUrl(db, d.webhook).catch(() => undefined) : undefined;
  if (secret && !url) error = "cannot read the webhook's sealed URL";
  if (secret && url) {
    // The body is serialised once and signed as sent, byte for byte.
    const body = JSON.stringify(d.payload);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Vigil-Webhook/1",
          [SIGNATURE_HEADER]: signWebhook(secret, body),
          [DELIVERY_HEADER]: d.id,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (res.status < 200 || res.status >= 300) error = `receiver answered HTTP ${res.status}`;
    } catch (e) {
      // A fetch error can quote the URL, and the URL is a secret: only its origin is ever stored or logged.
      error = redactKnown(describeFetchError(e, opts.timeoutMs), [url]);
    }
  } else {
    error ??= "the webhook's signing secret is missing";
  }
  error &&= error.slice(0, 500);

  if (!error) {
    await db.webhookDelivery.update({
      where: { id: d.id },
      data: { status: "delivered", deliveredAt: new Date(), lastStatus: status ?? null, lastError: null },
    });
    return;
  }
  if (d.attempts >= opts.maxAttempts) {
    await db.webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", lastStatus: status ?? null, lastError: error } });
    // d.webhook.url holds only the origin (webhooks.ts), never the path a token may sit in.
    log.error({ deliveryId: d.id, webhookOrigin: d.webhook.url, attempts: d.attempts, error }, "webhook delivery failed; giving up");
    return;
  }
  const next = new Date(Date.now() + backoffDelay(d.attempts, opts.backoffMs));
  await db.webhookDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: next, lastStatus: status ?? null, lastError: error } });
  await scheduleDelivery(db, d.id, next);
}

/** Puts a pending or failed delivery up for an attempt now (admin's "retry now"). */
export async function retryDeliveryNow(db: PrismaClient, deliveryId: string): Promise<boolean> {
  const r = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "failed"] } },
    data: { status: "pending", nextAttemptAt: new Date() },
  });
  if (r.count) await scheduleDelivery(db, deliveryId);
  return r.count > 0;
}

/** The job handler. Failures are handled above, per delivery, so the job itself succeeds. */
export function deliveryHandler(db: PrismaClient, opts: DeliveryOptions = DEFAULT_DELIVERY): JobHandler {
  return {
    maxAttempts: 3,
    run: async (payload) => {
      const id = (payload as { deliveryId?: unknown } | null)?.deliveryId;
      if (typeof id !== "string") return { skipped: "payload has no deliveryId" };
      await attemptDelivery(db, id, opts);
    },
  };
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const code = err.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND") return "host not found";
  return err.cause?.message ?? err.message;
}
