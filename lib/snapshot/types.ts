/**
 * A snapshot is the immutable record of what one scan observed. Collectors
 * produce its parts; rules read it; nothing else writes it. Everything here is
 * plain JSON so it can be stored, diffed and exported as is.
 */
import type { Registry } from "../registry/types";
import type { EndpointConformance } from "./conformance";

export type ScanStatus = "running" | "complete" | "partial" | "failed";

/** Why part of a snapshot is missing: recorded, never silently dropped. */
export interface CollectError {
  source: "matrix" | "mesh" | "homeserver";
  /** What could not be read, e.g. "room !abc:hs state" or "endpoint 127.0.0.1:9443". */
  scope: string;
  message: string;
}

export interface Snapshot {
  /** The shape's version (lib/snapshot/version.ts), set when stored; snapshots stored before it are version 1. */
  schemaVersion?: 1;
  takenAt: string; // ISO-8601 UTC
  matrix?: MatrixSnapshot;
  mesh?: MeshSnapshot;
  /**
   * The homeserver's own posture (HS-* checks, MX-ROOM-PLAINTEXT-EVENTS). Optional and only added: snapshots
   * stored before it simply lack it, so it needs no new schemaVersion and no migration (version.ts).
   */
  homeserver?: HomeserverSnapshot;
  /**
   * The mautrix bots' own config files (registry `botConfig`), one per agent that declares one, read in every scan
   * whose registry declares any (HS-BOT-* checks): a local file needs no posture probing. Absent: none declared, or
   * the reading did not finish (the scan's errors say why). Optional and only added, like `homeserver`: no new
   * schemaVersion. Snapshots stored while bots were read only with the posture (homeserver.bots, never in a release)
   * still read; their bots are simply not shown.
   */
  bots?: BotConfigFacts[];
  errors: CollectError[];
  /** The agent registry this snapshot was judged against (set when stored; absent in older snapshots). */
  registry?: Registry;
}

// ---------------------------------------------------------------- Matrix

export interface MatrixSnapshot {
  homeserver: { baseUrl: string; serverName: string; version?: string };
  /** "admin": full inventory via the Synapse Admin API; "member": only rooms the auditor joined (partial view). */
  view: "admin" | "member";
  auditor: { userId: string; masterKey?: string; userSigningKey?: string };
  rooms: RoomFacts[];
  users: UserFacts[];
  devices: DeviceFacts[];
}

export interface RoomEncryption {
  algorithm: string;
  rotationPeriodMs?: number;
  rotationPeriodMsgs?: number;
}

export type JoinRule = "public" | "invite" | "knock" | "restricted" | "knock_restricted" | "private" | string;
export type HistoryVisibility = "world_readable" | "shared" | "invited" | "joined" | string;

export interface RoomFacts {
  roomId: string;
  name?: string;
  canonicalAlias?: string;
  creator?: string;
  /** null: no m.room.encryption state event — the room is plaintext. */
  encryption: RoomEncryption | null;
  joinRule?: JoinRule;
  historyVisibility?: HistoryVisibility;
  guestAccess?: "can_join" | "forbidden" | string;
  federatable?: boolean;
  members: string[]; // joined members' user ids
  /** Raw state events as the homeserver returned them (evidence); may be omitted at scale. */
  state?: unknown[];
  /** Senders and timestamps of recent events (metadata only; never content). */
  recentActivity?: { sender: string; ts: number }[];
}

export type CrossSigningState = "present" | "absent" | "bad-signature";

export interface UserFacts {
  userId: string;
  displayName?: string;
  admin?: boolean;
  deactivated?: boolean;
  crossSigning: {
    state: CrossSigningState;
    /** Unpadded base64 ed25519 public keys. */
    masterKey?: string;
    selfSigningKey?: string;
    userSigningKey?: string;
    /** Human-readable reason when state is bad-signature. */
    problem?: string;
  };
  /** The auditor's user-signing key signed this user's master key, and the signature verified. */
  verifiedByAuditor: boolean;
  /** Key backup as far as Vigil can see it (only for accounts it holds a token for). */
  backup?: { version: string; algorithm: string; trusted: boolean } | null;
}

/** Computed by Vigil from signatures, never taken from the server's word. */
export type DeviceTrust = "verified-by-owner" | "unsigned" | "no-keys" | "bad-signature";

export interface DeviceFacts {
  userId: string;
  deviceId: string;
  displayName?: string;
  lastSeenTs?: number;
  lastSeenIp?: string;
  lastSeenUserAgent?: string;
  keys?: { ed25519?: string; curve25519?: string; algorithms?: string[] };
  trust: DeviceTrust;
  problem?: string;
}

// ---------------------------------------------------------------- Mesh

export type TlsVersion = "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";

export interface CertFacts {
  /** SHA-256 of the DER, lowercase hex: the certificate's stable id. */
  fingerprint256: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string; // ISO
  notAfter: string; // ISO
  sans: string[]; // "DNS:x", "URI:spiffe://...", "IP Address:..."
  spiffeId?: string;
  keyType?: string; // "rsa" | "ec" | "ed25519"
  keyBits?: number;
  signatureAlgorithm?: string;
  /** Where the certificate was found: an endpoint or a file. */
  source: { kind: "endpoint"; endpoint: string } | { kind: "file"; path: string };
  /** Chain validates to the configured CA bundle (not system roots). */
  trusted: boolean;
  trustError?: string;
  /**
   * For an endpoint's leaf: the chain the server sent reaches a root of the bundle on its own.
   * false: it validated only with an intermediate the server did not send (clients holding only
   * the root fail). Absent when it could not be judged (untrusted, or not an endpoint's leaf).
   */
  chainComplete?: boolean;
  /** The certificate the server should have sent, when chainComplete is false. */
  missingIssuer?: string;
}

/** What one probe attempt saw. `outcome` is a word; `error` the raw reason. */
export interface ProbeAttempt {
  outcome: "ok" | "refused" | "handshake-failed" | "timeout" | "error";
  protocol?: TlsVersion;
  cipher?: string;
  /** For attempts that send `GET /`: the HTTP status when an answer came back. */
  httpStatus?: number;
  /** What the answer said, printable and bounded: page title, or status line and first body line. */
  httpSummary?: string;
  /** A redirect's Location. */
  httpLocation?: string;
  error?: string;
  ms: number;
}

export interface EndpointFacts {
  /** host:port, the stable id. */
  endpoint: string;
  agent?: string;
  expectedIdentity?: string; // SPIFFE id or SAN from the registry
  reachable: boolean;
  error?: string;
  chain: CertFacts[]; // leaf first
  probes: {
    withClientCert?: ProbeAttempt;
    withoutClientCert?: ProbeAttempt;
    tls12?: ProbeAttempt;
    tls11?: ProbeAttempt;
    plainHttp?: ProbeAttempt;
  };
}

export interface MeshSnapshot {
  endpoints: EndpointFacts[];
  /** Certificates tracked without an endpoint (PEM files, directories). */
  certificates: CertFacts[];
  /** Opt-in conformance probes (issue #18), one entry per endpoint that declares them; optional and only added. */
  conformance?: EndpointConformance[];
}

// ---------------------------------------------------------------- Homeserver

/** One unauthenticated request to the public URL, as answered: status, Matrix errcode, or why nothing came back. */
export interface HttpProbe {
  /** Path and query asked, e.g. "/_synapse/admin/v1/server_version". */
  path: string;
  outcome: "answered" | "unreachable";
  status?: number;
  /** The Matrix errcode of an error answer; absent when the body was not a Matrix error. */
  errcode?: string;
  /** Whether the body was JSON (a Matrix server answers JSON; a proxy's 404 page is not). */
  json?: boolean;
  /** A redirect's Location (never followed). */
  location?: string;
  error?: string;
  ms: number;
}

export interface HomeserverProbes {
  /** GET /_matrix/client/versions: the public URL serves the client API at all (the reference for the others). */
  clientApi: HttpProbe & { versions?: string[] };
  /** GET /_synapse/admin/v1/server_version without a token. */
  adminApi: HttpProbe & { serverVersion?: string };
  /** POST /_matrix/client/v3/register with no auth: the user-interactive flows offered, as lists of stages. */
  registration: HttpProbe & { flows?: string[][] };
  /**
   * POST /register?kind=guest: a guest account is created when allowed. Its token is dropped at once; with the admin
   * token the collector deactivates it (guests cannot log themselves out on Synapse).
   */
  guestRegistration: HttpProbe & { guestUserId?: string; guestDeactivated?: boolean };
  /** GET /_matrix/federation/v1/version on the federation URL (the public URL unless another was given). */
  federation: HttpProbe & { url: string; server?: { name?: string; version?: string } };
  /** GET /.well-known/matrix/client: where it sends clients. */
  wellKnown: HttpProbe & { homeserverBaseUrl?: string };
}

/** The client API's TLS, when the public URL is https: the mesh prober's attempts, judged against the given CA or system roots. */
export interface HomeserverTlsFacts {
  /** Leaf first; empty when no handshake completed. */
  chain: CertFacts[];
  /** "configured": the CA file Vigil was given; "system": Node's bundled public roots. */
  trustAnchors: "configured" | "system";
  probes: { modern: ProbeAttempt; tls12?: ProbeAttempt; tls11?: ProbeAttempt };
}

/**
 * Settings read from the homeserver.yaml the operator pointed Vigil at. Only these keys are ever kept: the file's
 * secrets (macaroon key, registration secret, database password) are never copied, and its text never stored.
 */
export interface HomeserverConfigFacts {
  path: string;
  /** Absent when the key is not set (Synapse's default applies: "off"). */
  encryptionEnabledByDefaultForRoomType?: string;
  enableRegistration?: boolean;
  registrationRequiresToken?: boolean;
  allowGuestAccess?: boolean;
  /** null: the key is absent (federation with every server); a list: only those. */
  federationDomainWhitelist: string[] | null;
  allowPublicRoomsOverFederation?: boolean;
  allowPublicRoomsWithoutAuth?: boolean;
  userDirectorySearchAllUsers?: boolean;
  presenceEnabled?: boolean;
  defaultRoomVersion?: string;
  /** Listener resources by port, e.g. { 8008: ["client", "federation"] }. */
  listeners: { port?: number; bindAddresses: string[]; tls: boolean; resources: string[] }[];
}

/** One timeline event's metadata: never its content. */
export interface EventMeta {
  type: string;
  sender: string;
  ts: number;
  /** The room had m.room.encryption when this event was sent. */
  roomEncrypted: boolean;
}

/** What the recent timeline of one encrypted room showed (Admin API, newest first, bounded by the policy's window). */
export interface RoomTimelineFacts {
  roomId: string;
  /** Timeline events read inside the window (state events and encrypted events included). */
  eventsRead: number;
  /** The window's start (ms since epoch): events older than this were not read. */
  windowStartTs: number;
  /** False when the per-room cap stopped the read before the window's start. */
  complete: boolean;
  /** Non-state events that were not m.room.encrypted, metadata only; at most a few dozen kept. */
  unencrypted: EventMeta[];
  /** How many there were in all (unencrypted may be capped). */
  unencryptedCount: number;
  /** Why the room could not be read; then nothing above is a verdict. */
  error?: string;
}

export interface HomeserverSnapshot {
  /** The URL clients and attackers reach: what the probes were sent to. */
  publicBaseUrl: string;
  /** From the Admin API (server_version) with the auditor's token, else from the federation answer. */
  version?: string;
  versionSource?: "admin-api" | "federation";
  probes: HomeserverProbes;
  /** Absent when the public URL is plain http (nothing to handshake with). */
  tls?: HomeserverTlsFacts;
  config?: HomeserverConfigFacts;
  /** Absent when no timeline was read (no admin token, or no encrypted rooms in scope). */
  timeline?: { windowHours: number; rooms: RoomTimelineFacts[] };
}

/**
 * What one mautrix bot's config.yaml says about end-to-end encryption, and nothing else: its `encryption:` section
 * (a bridge's `bridge.encryption:`) and the user and device it logs in as. Credentials and every other key stay in
 * the file. A key left out is absent here (mautrix's default applies; the checks say which).
 */
export interface BotConfigFacts {
  agent: string;
  path: string;
  /** Why the file could not be read or understood; then nothing below is a verdict. */
  error?: string;
  /** Where the section was found: "encryption" (a bot) or "bridge.encryption" (a bridge); absent when neither exists. */
  section?: "encryption" | "bridge.encryption";
  userId?: string;
  deviceId?: string;
  encryption?: {
    allow?: boolean;
    default?: boolean;
    require?: boolean;
    appservice?: boolean;
    /** As written (mautrix.types.TrustState names, e.g. "unverified", "cross-signed-tofu"); judged by the checks. */
    verificationLevels?: { receive?: string; send?: string; share?: string };
    rotation?: { enableCustom?: boolean; milliseconds?: number; messages?: number };
  };
}
