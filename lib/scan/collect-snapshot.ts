import { collectBotConfigs } from "../collect/bot-config/collect-bot-configs";
import { createHomeserverCollector } from "../collect/homeserver";
import { createMatrixCollector } from "../collect/matrix";
import { createMeshProber } from "../collect/mesh";
import { probeConformance } from "./probe-conformance";
import { redact } from "../secrets/redact";
import type { CollectError, MatrixSnapshot, ScanStatus, Snapshot } from "../snapshot/types";
import type { ScanConfig } from "./scan-config";
import { startScanDeadline } from "./scan-deadline";

export type Progress = (stage: string, fraction: number) => void;

/** One homeserver request (headers and body), retries aside. */
export const DEFAULT_REQUEST_LIMIT_MS = 30_000;
/** A whole scan: far above a 10,000-room scan (minutes), far below "stuck until someone notices". */
export const DEFAULT_SCAN_LIMIT_MS = 30 * 60_000;

export interface Collected {
  snapshot: Snapshot;
  status: Exclude<ScanStatus, "running">;
  /** Requests made to the homeserver, for the benchmark and the scan record. */
  matrixRequests?: number;
}

/**
 * What a non-admin auditor cannot see, one line each, recorded as the reasons the
 * scan is partial. The Client-Server API shows only joined rooms; /keys/query lists
 * only devices that uploaded keys; last-seen times come from the Admin API alone.
 */
export function memberViewGaps(matrix: Pick<MatrixSnapshot, "view">): CollectError[] {
  if (matrix.view !== "member") return [];
  const why = "the auditor account is not a server admin (member view)";
  return [
    { source: "matrix", scope: "rooms not joined", message: `${why}: rooms the auditor has not joined are not listed` },
    {
      source: "matrix",
      scope: "devices without keys",
      message: `${why}: devices that never uploaded E2EE keys are invisible to /keys/query`,
    },
    { source: "matrix", scope: "device last-seen times", message: `${why}: last-seen times and IPs come from the Admin API only` },
  ];
}

/**
 * Encrypted rooms whose timeline is read for plaintext events: the rooms MX-ROOM-PLAINTEXT-EVENTS will judge (every
 * room, or those with a declared agent joined, per policy.matrix.roomScope), so no request is spent on the others.
 */
function encryptedRoomsInScope(matrix: MatrixSnapshot | undefined, config: ScanConfig): string[] {
  const agents = new Set(config.registry.agents.flatMap((a) => (a.matrixUserId ? [a.matrixUserId] : [])));
  const inScope = (members: string[]) => config.policy.matrix.roomScope === "all" || members.some((m) => agents.has(m));
  return (matrix?.rooms ?? []).filter((r) => r.encryption !== null && inScope(r.members)).map((r) => r.roomId);
}

/**
 * Collects every configured source into one snapshot. A source that fails
 * outright is recorded as an error and the rest carries on: complete when
 * nothing is missing, partial when something is (a source's errors, or the
 * member view's blind spots), failed when nothing was read. Every recorded
 * message is redacted of the configured secrets before it enters the snapshot.
 */
export async function collectSnapshot(config: ScanConfig, progress: Progress = () => {}, now = new Date()): Promise<Collected> {
  const errors: CollectError[] = [];
  const snapshot: Snapshot = { takenAt: now.toISOString(), errors };
  let matrixRequests: number | undefined;
  let sources = 0;
  let read = 0;
  // One limit for the whole collection: a source that meets it is cancelled down to its sockets, and later ones get no time.
  const deadline = startScanDeadline(config.limits?.scanMs ?? DEFAULT_SCAN_LIMIT_MS);

  if (config.homeserver) {
    sources++;
    progress("matrix", 0.05);
    try {
      const collector = createMatrixCollector({
        ...config.homeserver,
        policy: config.policy,
        timeoutMs: config.limits?.requestMs ?? DEFAULT_REQUEST_LIMIT_MS,
        signal: deadline.signal,
      });
      const result = await deadline.race(collector.collect({ registry: config.registry, now }), "reading the homeserver");
      snapshot.matrix = result.matrix;
      errors.push(...result.errors, ...memberViewGaps(result.matrix));
      matrixRequests = result.stats.requests;
      read++;
    } catch (err) {
      errors.push({ source: "matrix", scope: config.homeserver.baseUrl, message: err instanceof Error ? err.message : String(err) });
    }
  }

  // The declared bots' config files, in every scan that declares any: local files, judged against the inventory above.
  try {
    const bots = await deadline.race(collectBotConfigs(config.registry, deadline.signal), "reading the bots' config files");
    if (bots) {
      snapshot.bots = bots.bots;
      errors.push(...bots.errors);
    }
  } catch (err) {
    errors.push({ source: "homeserver", scope: "bot configs", message: err instanceof Error ? err.message : String(err) });
  }

  if (config.mesh) {
    sources++;
    progress("mesh", 0.5);
    const registryIdentity = new Map(config.registry.agents.flatMap((a) => (a.endpoint ? [[a.endpoint, a] as const] : [])));
    try {
      const prober = createMeshProber({
        caPem: config.mesh.caPem,
        clientCertPem: config.mesh.clientCertPem,
        clientKeyPem: config.mesh.clientKeyPem,
        endpoints: config.mesh.endpoints.map((e) => ({
          endpoint: e.endpoint,
          agent: e.agent ?? registryIdentity.get(e.endpoint)?.name,
          expectedIdentity: e.spiffeId ?? registryIdentity.get(e.endpoint)?.spiffeId,
        })),
        certificateFiles: config.mesh.certificatePaths,
        policy: config.policy.mesh,
      });
      const result = await deadline.race(prober.collect({ signal: deadline.signal }), "probing the mesh");
      snapshot.mesh = result.mesh;
      errors.push(...result.errors);
      read++;
      progress("conformance", 0.65);
      await deadline.race(probeConformance(config, snapshot.mesh, errors, deadline.signal), "sending the conformance probes");
    } catch (err) {
      errors.push({ source: "mesh", scope: "mesh", message: err instanceof Error ? err.message : String(err) });
    }
  }

  if (config.homeserverPosture) {
    sources++;
    progress("homeserver", 0.8);
    try {
      const collector = createHomeserverCollector({
        ...config.homeserverPosture,
        ...(config.homeserver ? { admin: config.homeserver } : {}),
        policy: config.policy.homeserver,
      });
      const result = await deadline.race(
        collector.collect({
          encryptedRoomIds: encryptedRoomsInScope(snapshot.matrix, config),
          now,
          signal: deadline.signal,
        }),
        "checking the homeserver's posture",
      );
      snapshot.homeserver = result.homeserver;
      errors.push(...result.errors);
      read++;
    } catch (err) {
      errors.push({
        source: "homeserver",
        scope: config.homeserverPosture.publicBaseUrl,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }

  deadline.dispose();
  progress("evaluate", 0.9);
  const credentials = Object.values(config.conformanceCredentials ?? {}).map((c) => c.value);
  const secrets = [config.homeserver?.accessToken, config.mesh?.clientKeyPem, ...credentials];
  for (const e of errors) e.message = redact(e.message, secrets);
  const status = sources === 0 || read === 0 ? "failed" : errors.length > 0 ? "partial" : "complete";
  return { snapshot, status, matrixRequests };
}
