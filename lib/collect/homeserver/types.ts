/**
 * The seam between Vigil and the homeserver's own posture: the scan sees a HomeserverSource; how it learns the facts
 * (probes of the public URL, homeserver.yaml, the Admin API's timelines) stays behind it.
 */
import type { Policy } from "../../policy/types";
import type { RequestStats } from "../../homeserver/client";
import type { CollectError, HomeserverSnapshot } from "../../snapshot/types";

export interface HomeserverCollectorConfig {
  /** The URL clients and attackers reach; every probe goes there, unauthenticated. */
  publicBaseUrl: string;
  /** Where federation is served, when not on the public URL (e.g. https://matrix.example.org:8448). */
  federationUrl?: string;
  /** The Admin API Vigil uses with its token (may be an internal URL); absent: no version and no timelines. */
  admin?: { baseUrl: string; accessToken: string };
  /** homeserver.yaml, read once per scan; its secrets are never kept. */
  configFile?: string;
  /** PEM bundle the client API's certificate must chain to; absent: Node's bundled public roots. */
  caPem?: string;
  policy: Policy["homeserver"];
  fetch?: typeof fetch;
}

export interface HomeserverCollectOptions {
  /** Encrypted rooms whose recent timeline is read for plaintext events (room ids from the Matrix collector). */
  encryptedRoomIds?: readonly string[];
  now?: Date;
  /** The scan's time limit: every probe and Admin API request in flight is cancelled when it passes. */
  signal?: AbortSignal;
}

export interface HomeserverCollectResult {
  homeserver: HomeserverSnapshot;
  /** Non-empty means part of the posture could not be read; each says what. */
  errors: CollectError[];
  /** Admin API requests (the probes are a fixed handful). */
  stats: RequestStats;
}

export interface HomeserverSource {
  collect(opts?: HomeserverCollectOptions): Promise<HomeserverCollectResult>;
}
