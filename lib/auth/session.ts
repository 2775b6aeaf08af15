import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db";
import { env } from "../env";
import { servedOverHttps } from "../security/https";
import { authOptions } from "./options";
import { hasRole, requiredRole, type Action, type Role } from "./permissions";
import { judgeSession, sessionLimits } from "./session-policy";

export interface Actor {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The auth options for the request in hand: cookie names and flags depend on whether it came over https. */
export async function requestAuthOptions() {
  return authOptions(servedOverHttps(await headers(), env().NEXTAUTH_URL));
}

/**
 * The signed-in, enabled user whose session is still current, or null. The
 * role comes from the database, not the cookie; the session's version must be
 * the user's (revocation), and its times within the absolute and idle limits.
 * Once per request: the layout and the page both ask, and each answer costs a
 * cookie decryption and a query. (Outside a React render, e.g. in route
 * handlers, cache() is a no-op.)
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(await requestAuthOptions());
  const claims = (session as { claims?: unknown } | null)?.claims;
  const userId = (claims as { sub?: unknown } | undefined)?.sub;
  if (typeof userId !== "string") return null;
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!judgeSession(claims, user, Date.now(), sessionLimits(env())).ok || !user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}

export class ForbiddenError extends Error {
  constructor(
    readonly action: Action,
    readonly role: Role,
  ) {
    super(`This needs the ${requiredRole(action)} role; you are ${role === "auditor" ? "an" : "a"} ${role}.`);
  }
}

export class UnauthenticatedError extends Error {
  constructor() {
    super("Your session has expired. Sign in again.");
  }
}

export const can = (actor: Actor, action: Action): boolean => hasRole(actor.role, requiredRole(action));
