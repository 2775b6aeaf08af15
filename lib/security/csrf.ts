/**
 * Cross-site request forgery, refused before a route handler runs. Browsers
 * say where a request came from (Sec-Fetch-Site, Origin); a page on another
 * site can make a browser POST with the victim's cookie (SameSite=Lax does not
 * stop a top-level form POST from a sibling site, nor a text/plain fetch), but
 * it cannot make the browser lie in these headers, nor send JSON cross-site
 * without a CORS preflight Vigil never answers. Clients that are not browsers
 * (curl, CI) send neither header and are not at risk: they hold their own cookie.
 */

interface RequestLike {
  method: string;
  headers: { get(name: string): string | null };
}

const OWN_PAGES_ONLY = "changes are accepted only from Vigil's own pages";

export interface CsrfRefusal {
  status: 403 | 415;
  reason: string;
}

/** Why this request must not run a state-changing handler, or undefined when it may. */
export function crossSiteRefusal(req: RequestLike, configuredUrl: string | undefined): CsrfRefusal | undefined {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") {
    return { status: 403, reason: `the browser marked this request as ${fetchSite} (Sec-Fetch-Site); ${OWN_PAGES_ONLY}` };
  }
  const origin = req.headers.get("origin");
  if (origin !== null) {
    const expected = expectedHost(req, configuredUrl);
    let host: string | undefined;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      host = undefined; // "null" (sandboxed frames, file://) or garbage: not our origin
    }
    if (!host || !expected || host !== expected) {
      return { status: 403, reason: `the request came from another origin (${origin.slice(0, 100)}); ${OWN_PAGES_ONLY}` };
    }
  }
  const hasBody = Number(req.headers.get("content-length") ?? "0") > 0 || req.headers.get("transfer-encoding") !== null;
  if (hasBody) {
    const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") return { status: 415, reason: "send the request body as application/json" };
  }
  return undefined;
}

function expectedHost(req: RequestLike, configuredUrl: string | undefined): string | undefined {
  if (configuredUrl) {
    try {
      return new URL(configuredUrl).host.toLowerCase();
    } catch {
      return undefined;
    }
  }
  // As Next.js checks server actions: the host the client addressed, as a proxy in front reports it.
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  return host?.toLowerCase();
}
