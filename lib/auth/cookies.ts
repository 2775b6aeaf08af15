/**
 * The session cookie, named and flagged in one place for next-auth and the
 * proxy alike. Over https it is `__Host-` prefixed: the browser then insists
 * on Secure, Path=/ and no Domain, so neither plain http nor a sibling
 * subdomain can set or overwrite it. Over plain http (development, loopback)
 * a Secure cookie would never come back, so the name is unprefixed.
 */
export interface CookieSpec {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean };
}

export function sessionCookie(secure: boolean): CookieSpec {
  return { name: secure ? "__Host-vigil.session" : "vigil.session", options: { httpOnly: true, sameSite: "lax", path: "/", secure } };
}
