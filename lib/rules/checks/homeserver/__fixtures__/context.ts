/** Hand-built homeserver snapshots for the HS-* check tests (not a test file itself): healthy unless a test says otherwise. */
import { DEFAULT_POLICY } from "../../../../policy/defaults";
import { EMPTY_REGISTRY, type Registry } from "../../../../registry/types";
import type { HomeserverConfigFacts, HomeserverSnapshot, HttpProbe, RoomFacts } from "../../../../snapshot/types";
import type { CheckContext, CheckResult } from "../../../types";

export const NOW = new Date("2026-01-15T12:00:00Z");
export const PUBLIC_URL = "https://matrix.example.org";

export const answer = (path: string, status: number, extra: Partial<HttpProbe> = {}): HttpProbe => ({
  path,
  outcome: "answered",
  status,
  json: true,
  ms: 3,
  ...extra,
});
export const silent = (path: string, error: string): HttpProbe => ({ path, outcome: "unreachable", error, ms: 3000 });

export function config(over: Partial<HomeserverConfigFacts> = {}): HomeserverConfigFacts {
  return {
    path: "/etc/synapse/homeserver.yaml",
    encryptionEnabledByDefaultForRoomType: "all",
    federationDomainWhitelist: [],
    listeners: [{ port: 8008, bindAddresses: ["127.0.0.1"], tls: false, resources: ["client"] }],
    ...over,
  };
}

/** A healthy homeserver behind a proxy that forwards only /_matrix and /_synapse/client. */
export function homeserver(over: Partial<HomeserverSnapshot> = {}, probes: Partial<HomeserverSnapshot["probes"]> = {}): HomeserverSnapshot {
  return {
    publicBaseUrl: PUBLIC_URL,
    version: "1.163.2",
    versionSource: "admin-api",
    probes: {
      clientApi: { ...answer("/_matrix/client/versions", 200), versions: ["v1.11"] },
      adminApi: answer("/_synapse/admin/v1/server_version", 404, { json: false }),
      registration: answer("/_matrix/client/v3/register", 403, { errcode: "M_FORBIDDEN" }),
      guestRegistration: answer("/_matrix/client/v3/register?kind=guest", 403, { errcode: "M_FORBIDDEN" }),
      federation: { ...answer("/_matrix/federation/v1/version", 404, { json: false }), url: PUBLIC_URL },
      wellKnown: { ...answer("/.well-known/matrix/client", 200), homeserverBaseUrl: `${PUBLIC_URL}/` },
      ...probes,
    },
    tls: {
      chain: [
        {
          fingerprint256: "ab".repeat(32),
          subject: "CN=matrix.example.org",
          issuer: "CN=R11",
          serialNumber: "01",
          notBefore: "2026-01-01T00:00:00.000Z",
          notAfter: "2026-03-01T00:00:00.000Z",
          sans: ["DNS:matrix.example.org"],
          source: { kind: "endpoint", endpoint: "matrix.example.org:443" },
          trusted: true,
          chainComplete: true,
        },
      ],
      trustAnchors: "system",
      probes: {
        modern: { outcome: "ok", protocol: "TLSv1.3", httpStatus: 404, ms: 5 },
        tls12: { outcome: "ok", protocol: "TLSv1.2", ms: 5 },
        tls11: { outcome: "handshake-failed", error: "alert protocol version", ms: 2 },
      },
    },
    config: config(),
    ...over,
  };
}

export function context(hs: HomeserverSnapshot | undefined, rooms: RoomFacts[] = [], registry: Registry = EMPTY_REGISTRY): CheckContext {
  return {
    snapshot: {
      takenAt: NOW.toISOString(),
      errors: [],
      ...(hs ? { homeserver: hs } : {}),
      matrix: {
        homeserver: { baseUrl: PUBLIC_URL, serverName: "example.org" },
        view: "admin",
        auditor: { userId: "@vigil:example.org" },
        rooms,
        users: [],
        devices: [],
      },
    },
    policy: structuredClone(DEFAULT_POLICY),
    registry,
    now: NOW,
  };
}

export const statuses = (rs: CheckResult[]) => rs.map((r) => r.status);
