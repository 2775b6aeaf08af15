import "server-only";
import { NextResponse } from "next/server";
import { recordAudit } from "../audit/log";
import { can, ForbiddenError, getActor, UnauthenticatedError, type Actor } from "./session";
import type { Action } from "./permissions";

/**
 * Runs `fn` as `action` for the current actor: refuses without a session or the
 * role the action needs, and lands every attempt in the audit log — refused,
 * failed or done. Server actions and route handlers both go through here.
 */
export async function perform<T>(
  action: Action,
  target: string,
  fn: (actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, action)) {
    await recordAudit({ actor, action, target, outcome: "denied" });
    throw new ForbiddenError(action, actor.role);
  }
  try {
    const result = await fn(actor);
    await recordAudit({ actor, action, target, outcome: "ok" });
    return result;
  } catch (err) {
    await recordAudit({ actor, action, target, outcome: "error", detail: { message: String((err as Error).message) } });
    throw err;
  }
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

/** A mutating route handler: `withAction("scan.run", handler)`. */
export function withAction<C>(action: Action, handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      return await perform(action, new URL(req.url).pathname, (actor) => handler(req, { ...ctx, actor }));
    } catch (err) {
      if (err instanceof UnauthenticatedError) return NextResponse.json({ error: err.message }, { status: 401 });
      if (err instanceof ForbiddenError) return NextResponse.json({ error: err.message }, { status: 403 });
      throw err;
    }
  };
}
