/**
 * The front door: every request without a valid session is turned away here,
 * before any page or handler runs (pages and handlers check again: defence in
 * depth). It also sets a per-request CSP nonce.
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "./lib/auth/permissions";
import { getAuthSecret } from "./lib/secrets/keys";
import { publishedHomeserverOrigin } from "./lib/auditor-device/homeserver-origin";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, pathname);

  if (!isPublicPath(pathname) && !(await hasSession(request))) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: { "Content-Security-Policy": csp } });
    }
    const url = new URL("/signin", request.url);
    url.searchParams.set("next", pathname);
    return NextResponse.redirect(url);
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

async function hasSession(request: NextRequest): Promise<boolean> {
  const token = await getToken({ req: request, secret: getAuthSecret() });
  return typeof token?.sub === "string" && (typeof token.exp !== "number" || token.exp * 1000 > Date.now());
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
