import "server-only";
import { createHomeserverClient, type HomeserverClient } from "../homeserver/client";
import { getConnectionSecrets } from "../settings/connections";

/** The homeserver as remediation needs it: the auditor, whether it is a server admin, and the one client holding the token. */
export interface Homeserver {
  auditorUserId: string;
  admin: boolean;
  client: HomeserverClient;
}

export class NotConfiguredError extends Error {
  constructor() {
    super("No homeserver token is configured: connect the auditor account in Settings → Homeserver.");
  }
}

/**
 * Opens the configured homeserver with the sealed token, server-side only. Reads retry transient failures; each
 * write states its own RetryPolicy, and a write whose fate is unknown (a 5xx, a timeout) is reported, not repeated.
 */
export async function openHomeserver(fetchImpl: typeof fetch = fetch): Promise<Homeserver> {
  const secrets = await getConnectionSecrets();
  const hs = secrets.homeserver;
  if (!hs || !secrets.accessToken || !hs.userId) throw new NotConfiguredError();
  const client = createHomeserverClient({ baseUrl: hs.baseUrl, accessToken: secrets.accessToken, fetch: fetchImpl, timeoutMs: 20_000 });
  return { auditorUserId: hs.userId, admin: hs.admin === true, client };
}
