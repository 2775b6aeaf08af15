import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { env } from "../env";
import { getAuthSecret } from "../secrets/keys";
import { recordAudit } from "../audit/log";
import { requestSource } from "../audit/source";
import { sessionCookie } from "./cookies";
import { revokeSessions } from "./revoke-sessions";
import { judgeSessionTimes, sessionLimits } from "./session-policy";
import { signInWithPassword } from "./sign-in";

/** Shown on the sign-in form when an attempt is refused because of earlier failures. */
export const THROTTLED_PREFIX = "Too many failed sign-ins";

/**
 * NextAuth with Vigil's own users. The JWT holds only the user id, the
 * session version and two times (sign-in, last request); what they allow is
 * judged in session-policy.ts, here and in getActor and the proxy. `secure`:
 * whether this request is served over https (lib/security/https.ts).
 */
export function authOptions(secure: boolean): NextAuthOptions {
  const limits = sessionLimits(env());
  const maxAge = Math.ceil(limits.absoluteMs / 1000);
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    useSecureCookies: secure,
    cookies: { sessionToken: sessionCookie(secure) },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Vigil account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const result = await signInWithPassword(raw, requestSource(new Headers(headerPairs(req?.headers))));
          if (result.ok) return result.user;
          // next-auth hands a thrown message to the form; a plain null reads "wrong email or password".
          if (result.reason === "throttled") throw new Error(`${THROTTLED_PREFIX}. Wait ${result.retryAfterSeconds} s and try again.`);
          return null;
        },
      }),
    ],
    callbacks: {
      // Only the id, the version and the times travel in the token; the role is read on every request.
      async jwt({ token, user }) {
        if (user) {
          const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
          const now = Date.now();
          return { sub: user.id, sv: row.sessionVersion, authAt: now, lastSeen: now };
        }
        // Throwing makes next-auth drop the session and clear its cookie.
        const verdict = judgeSessionTimes(token, Date.now(), limits);
        if (!verdict.ok) throw new Error(`session ${verdict.end}`);
        return token;
      },
      session: ({ session, token }) => ({ expires: session.expires, userId: token.sub, claims: token }),
    },
    events: {
      // Signing out ends every session of the user, not only this cookie: a copy kept elsewhere dies too.
      async signOut({ token }) {
        const userId = typeof token?.sub === "string" ? token.sub : undefined;
        if (!userId) return;
        await revokeSessions(userId);
        const user = await getDb().user.findUnique({ where: { id: userId }, select: { email: true } });
        const actor = { id: userId, email: user?.email ?? "unknown" };
        await recordAudit({ actor, action: "auth.sign-out", target: user?.email ?? userId, outcome: "ok" });
      },
    },
  };
}

/** next-auth hands request headers over as a plain object; keep the string values. */
function headerPairs(headers: unknown): [string, string][] {
  if (!headers || typeof headers !== "object") return [];
  return Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === "string");
}
