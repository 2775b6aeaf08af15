/**
 * The seam between Vigil and a homeserver: rules and the scan pipeline see a
 * MatrixSource; how it gathers facts (Admin API, Client-Server API, recordings)
 * stays behind it.
 */
import type { Policy } from "../../policy/types";
import type { Registry } from "../../registry/types";
import type { CollectError, MatrixSnapshot } from "../../snapshot/types";
import type { HomeserverClient, RequestStats } from "../../homeserver/client";

export interface MatrixCollectOptions {
  /** Declared agents: decides which rooms are in scope for per-room detail and activity. */
  registry?: Registry;
  /**
   * Scan time, accepted so every source takes the same options. The Matrix collector
   * records only server-side timestamps (last seen, origin_server_ts), so it does not read it.
   */
  now?: Date;
}

export interface MatrixCollectResult {
  matrix: MatrixSnapshot;
  /** Non-empty means the snapshot is partial; each error says what is missing. */
  errors: CollectError[];
  /** What the scan cost. */
  stats: RequestStats;
}

export interface MatrixSource {
  collect(opts?: MatrixCollectOptions): Promise<MatrixCollectResult>;
}

export interface MatrixCollectorConfig {
  baseUrl: string;
  /** The auditor's access token. Server-side only. */
  accessToken: string;
  fetch?: typeof fetch;
  policy: Policy;
  /** Parallel requests per phase; 8–16 keeps a 10k-room scan short without hammering Synapse. */
  concurrency?: number;
  /** Users per `/keys/query` request. */
  keysBatchSize?: number;
  retries?: number;
  backoffMs?: number;
  /** Per-request time limit (headers and the whole body), named in the error when it is reached. */
  timeoutMs?: number;
  /** The scan's time limit: when it aborts, every request in flight is cancelled and none is started (client.ts). */
  signal?: AbortSignal;
}

/** Shared state of one scan: the HTTP client, the error list and the reasons to stop early. */
export interface ScanContext {
  http: HomeserverClient;
  errors: CollectError[];
  concurrency: number;
  /** Set when the token died (M_UNKNOWN_TOKEN): nothing more can be read. */
  fatal?: string;
  /** Set when admin endpoints started answering 403 mid-scan. */
  adminLost?: string;
}
