import { isRedirectRefusal } from "../homeserver/error-body";

/**
 * Turns a failed fetch into the sentence a user can act on. Node's fetch hides
 * the real reason in `cause`; we dig it out.
 */
export function describeFetchError(err: unknown, url: string): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  const host = safeHost(url);
  switch (code) {
    case "ECONNREFUSED":
      return `Nothing is listening at ${host} (connection refused). Check the URL and that the homeserver is running.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The host name ${host} does not resolve. Check the URL.`;
    case "ECONNRESET":
      return `${host} closed the connection. A proxy or firewall may be in the way.`;
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return `${host} did not answer in time.`;
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "CERT_HAS_EXPIRED":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `TLS error from ${host}: ${code} (${cause?.message ?? "certificate not trusted"}). Fix the homeserver's certificate or trust its CA (NODE_EXTRA_CA_CERTS).`;
    case "ERR_SSL_WRONG_VERSION_NUMBER":
      return `${host} does not speak TLS on that port. Try http:// or the right port.`;
  }
  if (isRedirectRefusal(err)) {
    return `${host} answered with a redirect, which Vigil does not follow (it could carry the token elsewhere). Enter the URL the homeserver really answers at.`;
  }
  if (cause?.message === "bad port") {
    return `${host} uses a port that HTTP clients refuse (a reserved port such as 9 or 25). Use the homeserver's real port.`;
  }
  if ((err as Error)?.name === "TimeoutError" || (err as Error)?.name === "AbortError") {
    return `${host} did not answer in time.`;
  }
  return `Could not reach ${host}: ${cause?.message ?? (err as Error)?.message ?? String(err)}`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
