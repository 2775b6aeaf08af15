/**
 * Is Vigil being served over https? It decides whether session cookies are
 * Secure and __Host- prefixed and whether HSTS is sent. Pure, so the proxy,
 * the auth options and the startup warning all answer the same way.
 *
 * NEXTAUTH_URL, when set, is the answer for every request: it is what the
 * operator declared. Unset, the request's X-Forwarded-Proto decides (Next sets
 * it to "http" on a plain socket; a TLS-terminating proxy sets "https"). A
 * client that forges "https" on plain http only gets a Secure cookie its own
 * browser will not send back: it loses its session, it gains nothing.
 */

/** One year, subdomains included: the value HSTS preload lists and ASVS expect. */
export const HSTS_HEADER = "max-age=31536000; includeSubDomains";

interface HeaderSource {
  get(name: string): string | null;
}

export function servedOverHttps(headers: HeaderSource, configuredUrl: string | undefined): boolean {
  if (configuredUrl) return configuredUrl.toLowerCase().startsWith("https://");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}

/** What to say at start when sessions may travel in clear; undefined when all is well. */
export function plainHttpWarning(configuredUrl: string | undefined): string | undefined {
  if (configuredUrl?.toLowerCase().startsWith("https://")) return undefined;
  const said = configuredUrl ? `NEXTAUTH_URL is ${configuredUrl}` : "NEXTAUTH_URL is not set";
  return (
    `[security] WARNING: ${said}. Unless a TLS proxy in front of Vigil sets X-Forwarded-Proto: https, ` +
    "session cookies are sent without the Secure flag and no HSTS header is set, so a password or session can be read on the network. " +
    "Serve Vigil over https and set NEXTAUTH_URL=https://<its address> (see README, Production)."
  );
}
