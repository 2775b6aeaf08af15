import "server-only";
import { activePolicy, syncPolicyFile } from "../settings/policy-versions";
import { judgedRegistry } from "../registry/profiles";
import { activeRegistry, syncRegistryFiles } from "../settings/registry-versions";
import { getConnectionSecrets } from "../settings/connections";
import { homeserverPosture } from "../settings/homeserver-posture";
import { conformanceCredentials } from "../settings/conformance-credentials";
import type { ScanConfig } from "./scan-config";

/**
 * The web app's scan configuration: connections and sealed secrets from the
 * database, the active policy and registry versions (files re-read first, so
 * an edit on disk is picked up — or reported as a conflict — before judging).
 */
export async function scanConfigFromSettings(): Promise<ScanConfig> {
  const c = await getConnectionSecrets();
  await syncPolicyFile();
  await syncRegistryFiles();
  const policy = await activePolicy();
  const { registry, profiles } = await activeRegistry();
  const posture = await homeserverPosture();
  return {
    ...(posture ? { homeserverPosture: posture } : {}),
    homeserver: c.homeserver && c.accessToken ? { baseUrl: c.homeserver.baseUrl, accessToken: c.accessToken } : undefined,
    mesh:
      c.mesh && c.clientKeyPem
        ? {
            caPem: c.mesh.caPem,
            clientCertPem: c.mesh.clientCertPem,
            clientKeyPem: c.clientKeyPem,
            endpoints: c.mesh.endpoints,
            certificatePaths: c.mesh.certificatePaths,
          }
        : undefined,
    conformanceCredentials: await conformanceCredentials(),
    registry: judgedRegistry(registry, policy.matrix.allowedMembers, profiles),
    policy,
  };
}
