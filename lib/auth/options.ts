import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { env } from "../env";
import { getAuthSecret } from "../secrets/keys";
import { recordAudit } from "../audit/log";
import { verifyPassword } from "./password";

const Credentials = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

/** NextAuth with Vigil's own users; JWT sessions that expire after VIGIL_SESSION_HOURS. */
export function authOptions(): NextAuthOptions {
  const maxAge = env().VIGIL_SESSION_HOURS * 3600;
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Vigil account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = Credentials.safeParse(raw);
          if (!parsed.success) return null;
          const email = parsed.data.email.toLowerCase();
          const user = await getDb().user.findUnique({ where: { email } });
          const ok = !!user && !user.disabled && (await verifyPassword(user.passwordHash, parsed.data.password));
          await recordAudit({
            actor: user ? { id: user.id, email: user.email } : { id: null, email },
            action: "auth.sign-in",
            target: email,
            outcome: ok ? "ok" : "denied",
          });
          return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      // Only the user id travels in the token; the role is read from the database
      // on every request so a demotion takes effect at once.
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
  };
}
