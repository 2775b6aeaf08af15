import type { CollectError, MeshSnapshot } from "../../snapshot/types";
import type { Policy } from "../../policy/types";

export interface MeshEndpointTarget {
  endpoint: string; // host:port
  agent?: string;
  expectedIdentity?: string; // SPIFFE id from the registry
}

export interface MeshProberConfig {
  /** The mesh CA bundle: the only roots a presented chain may lead to. */
  caPem: string;
  /** The auditor's client certificate and key, issued by the mesh CA (server-side secret). */
  clientCertPem: string;
  clientKeyPem: string;
  endpoints: MeshEndpointTarget[];
  /** PEM files (or directories of them) tracked without an endpoint. */
  certificateFiles?: string[];
  policy: Policy["mesh"];
}

export interface MeshCollectOptions {
  /** The scan's time limit: no endpoint is started once it aborts, and the attempts in flight end and close their sockets. */
  signal?: AbortSignal;
}

export interface MeshSource {
  collect(opts?: MeshCollectOptions): Promise<{ mesh: MeshSnapshot; errors: CollectError[] }>;
}
