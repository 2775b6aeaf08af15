import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { DEFAULT_POLICY } from "../policy/defaults";
import { loadRegistry } from "../registry/load";
import { EMPTY_REGISTRY } from "../registry/types";
import { getConnectionSecrets } from "../settings/connections";
import type { ScanConfig } from "./scan-config";

/** The web app's scan configuration: connections and sealed secrets from the database. */
export async function scanConfigFromSettings(): Promise<ScanConfig> {
  const c = await getConnectionSecrets();
  const registryRow = await getDb().setting.findUnique({ where: { key: "registry.paths" } });
  const registryPaths = z.array(z.string()).safeParse(registryRow?.value);
  return {
    homeserver: c.homeserver && c.accessToken ? { baseUrl: c.homeserver.baseUrl, accessToken: c.accessToken } : undefined,
    mesh:
      c.mesh && c.clientKeyPem
        ? { caPem: c.mesh.caPem, clientCertPem: c.mesh.clientCertPem, clientKeyPem: c.clientKeyPem, endpoints: c.mesh.endpoints, certificatePaths: c.mesh.certificatePaths }
        : undefined,
    registry: registryPaths.success && registryPaths.data.length ? loadRegistry(registryPaths.data) : EMPTY_REGISTRY,
    policy: DEFAULT_POLICY,
  };
}
