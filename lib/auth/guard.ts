import "server-only";
import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { AuditUnavailableError, beginAudit, finishAudit, recordAudit } from "../audit/log";
import { requestSource, type RequestSource } from "../audit/source";
import { env } from "../env";
import { log } from "../log";
import { newRequestId, toClientError } from "../security/client-error";
import { crossSiteRefusal } from "../security/csrf";
import { can, ForbiddenError, getActor, UnauthenticatedError, type Actor } from "./session";
import type { Action } from "./permissions";
import { verdictOf } from "./verdict";

/** An error whose details stay in the server log; its message is safe to show and names the request id. */
export class InternalError extends Error {
  constructor(
    message: string,
    readonly requestId: string,
  ) {
    super(message);
  }
}

async function currentSource(): Promise<RequestSource> {
  try {
    return requestSource(await headers());
  } catch {
    return {}; // outside a request (tests, scripts): no source to record
  }
}

/**
 * Runs `fn` as `action` for the current actor: refuses without a session or the
 * role the action needs (audited as denied). Then the audit row is written
 * first, as "started" — if it cannot be written, nothing runs — and settled with
 * what really happened: ok, refused (the handler returned ok:false or a 4xx),
 * or failed (it threw). A database or programming error reaches the caller as
 * an InternalError naming a request id; its details go to the server log.
 */
export async function perform<T>(action: Action, target: string, fn: (actor: Actor) => Promise<T>, source?: RequestSource): Promise<T> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  const from = source ?? (await currentSource());
  if (!can(actor, action)) {
    await recordAudit({ actor, action, target, outcome: "denied", source: from });
    throw new ForbiddenError(action, actor.role);
  }
  const auditId = await beginAudit({ actor, action, target, source: from });
  // One id per action, in every log line it causes and in the client's error when it fails internally.
  const requestId = newRequestId();
  const actionLog = log.child({ requestId, actor: actor.email, action, auditId });
  const started = Date.now();
  let result: T;
  try {
    result = await fn(actor);
  } catch (err) {
    const client = toClientError(err, `${action} on ${target.slice(0, 200)}`, requestId);
    await finishAudit(auditId, "failed", { message: client.message, ...(client.internal ? { requestId: client.requestId } : {}) });
    actionLog.warn({ outcome: "failed", internal: client.internal, durationMs: Date.now() - started }, "action failed");
    if (client.internal) throw new InternalError(client.message, client.requestId);
    throw err;
  }
  const verdict = verdictOf(result);
  await finishAudit(auditId, verdict.outcome, verdict.outcome === "ok" ? undefined : { reason: verdict.reason });
  actionLog.info({ outcome: verdict.outcome, durationMs: Date.now() - started }, "action done");
  return result;
}

type Handler<C> = (req: Request, ctx: C & { actor: Actor }) => Promise<Response>;

/** A route handler that needs a session (read-only) — `withSession(handler)`. */
export function withSession<C>(handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const actor = await getActor();
    if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    return handler(req, { ...ctx, actor });
  };
}

/**
 * A mutating route handler: `withAction("scan.run", handler)`. POST (or PUT,
 * PATCH, DELETE) only, from Vigil's own pages or a non-browser client
 * (lib/security/csrf.ts), then perform(). Every failure answers JSON.
 */
export function withAction<C>(action: Action, handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const target = new URL(req.url).pathname;
    const source = requestSource(req.headers);
    if (req.method === "GET" || req.method === "HEAD") {
      return NextResponse.json({ error: "This changes something: send it as POST." }, { status: 405, headers: { Allow: "POST" } });
    }
    const refusal = crossSiteRefusal(req, env().NEXTAUTH_URL);
    if (refusal) {
      const actor = await getActor();
      if (actor) await recordAudit({ actor, action, target, outcome: "denied", detail: { reason: refusal.reason }, source });
      return NextResponse.json({ error: `Refused: ${refusal.reason}.` }, { status: refusal.status });
    }
    try {
      return await perform(action, target, (actor) => handler(req, { ...ctx, actor }), source);
    } catch (err) {
      if (err instanceof UnauthenticatedError) return NextResponse.json({ error: err.message }, { status: 401 });
      if (err instanceof ForbiddenError) return NextResponse.json({ error: err.message }, { status: 403 });
      if (err instanceof AuditUnavailableError) return NextResponse.json({ error: err.message }, { status: 503 });
      if (err instanceof InternalError) return NextResponse.json({ error: err.message, requestId: err.requestId }, { status: 500 });
      const client = toClientError(err, `${action} on ${target}`);
      return NextResponse.json({ error: client.message, requestId: client.requestId }, { status: client.internal ? 500 : 409 });
    }
  };
}
