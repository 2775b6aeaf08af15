/**
 * The front door: every request without a valid session is turned away here,
 * before any page or handler runs (pages and handlers check again, with the
 * database: defence in depth). A session past its absolute lifetime or idle
 * timeout ends here; a live one has its last-seen time moved on (at most once a
 * minute) so the idle clock counts page views, which next-auth alone cannot.
 * Over https it sends HSTS. It also sets a per-request CSP nonce.
 */
import { encode, getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { sessionCookie, type CookieSpec } from "./lib/auth/cookies";
import { isPublicPath } from "./lib/auth/permissions";
import { judgeSessionTimes, LAST_SEEN_REFRESH_MS, sessionLimits } from "./lib/auth/session-policy";
import { env } from "./lib/env";
import { getAuthSecret } from "./lib/secrets/keys";
import { HSTS_HEADER, servedOverHttps } from "./lib/security/https";
import { publishedHomeserverOrigin } from "./lib/auditor-device/homeserver-origin";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, pathname);
  const secure = servedOverHttps(request.headers, env().NEXTAUTH_URL);
  const cookie = sessionCookie(secure);
  const finish = (response: NextResponse) => {
    if (secure) response.headers.set("Strict-Transport-Security", HSTS_HEADER);
    return response;
  };

  let refreshed: string | undefined;
  if (!isPublicPath(pathname)) {
    const session = await liveSession(request, cookie);
    if (!session) {
      const refused = pathname.startsWith("/api/")
        ? NextResponse.json({ error: "Sign in first." }, { status: 401, headers: { "Content-Security-Policy": csp } })
        : NextResponse.redirect(signInUrl(request));
      // A dead session's cookie is dropped, so the browser stops presenting it.
      if (request.cookies.has(cookie.name)) refused.cookies.set(cookie.name, "", { ...cookie.options, maxAge: 0 });
      return finish(refused);
    }
    refreshed = session.refreshed;
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (refreshed)
    response.cookies.set(cookie.name, refreshed, { ...cookie.options, maxAge: Math.ceil(sessionLimits(env()).absoluteMs / 1000) });
  return finish(response);
}

function signInUrl(request: NextRequest): URL {
  const url = new URL("/signin", request.url);
  url.searchParams.set("next", request.nextUrl.pathname);
  return url;
}

/** The session if its times allow it, with a re-issued cookie value when last-seen is due a move. */
async function liveSession(request: NextRequest, cookie: CookieSpec): Promise<{ refreshed?: string } | null> {
  const secret = getAuthSecret();
  const token = await getToken({ req: request, secret, cookieName: cookie.name, secureCookie: cookie.options.secure });
  const limits = sessionLimits(env());
  const now = Date.now();
  const verdict = judgeSessionTimes(token, now, limits);
  if (!verdict.ok || !token) return null;
  if (now - verdict.claims.lastSeen < LAST_SEEN_REFRESH_MS) return {};
  return { refreshed: await encode({ token: { ...token, lastSeen: now }, secret, maxAge: Math.ceil(limits.absoluteMs / 1000) }) };
}

function contentSecurityPolicy(nonce: string, pathname: string): string {
  const dev = process.env.NODE_ENV === "development";
  // WebAssembly (the Rust crypto) is compiled only on the auditor-device page.
  const auditorDevice = pathname.startsWith("/auditor-device");
  const wasm = auditorDevice ? " 'wasm-unsafe-eval'" : "";
  // That page's Matrix client talks to the homeserver directly; no other page may.
  // The page publishes the configured origin to a file (see homeserver-origin.ts):
  // the proxy must not open the database.
  const homeserver = auditorDevice ? publishedHomeserverOrigin() : null;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${wasm}${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress bars, chart geometry) are needed; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${homeserver ? ` ${homeserver}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
