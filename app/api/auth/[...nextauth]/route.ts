import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { servedOverHttps } from "@/lib/security/https";

// NextAuth's own endpoints (sign-in, CSRF, session, sign-out): public by design.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(req as never, ctx as never, authOptions(servedOverHttps(req.headers, env().NEXTAUTH_URL)));

export { handler as GET, handler as POST };
