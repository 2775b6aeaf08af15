/**
 * The snapshot as a zod schema: one schema for every snapshot read back from storage — database
 * rows (lib/snapshot/read-snapshot.ts) and the CLI's state directory, a CI cache anyone could have
 * edited. StoredSnapshotSchema first brings an older shape up to date (version.ts), then checks it.
 * Objects are loose: a field a newer Vigil added passes through untouched instead of being
 * dropped, while every field this version reads is checked. The annotation below makes the
 * compiler hold this schema to types.ts.
 */
import { z } from "zod";
import { EndpointConformanceSchema } from "./conformance-schema";
import type { Snapshot } from "./types";
import { migrateSnapshot, SNAPSHOT_SCHEMA_VERSION } from "./version";

const CollectErrorSchema = z.looseObject({ source: z.enum(["matrix", "mesh", "homeserver"]), scope: z.string(), message: z.string() });

export const RoomSchema = z.looseObject({
  roomId: z.string(),
  name: z.string().optional(),
  canonicalAlias: z.string().optional(),
  creator: z.string().optional(),
  encryption: z
    .looseObject({ algorithm: z.string(), rotationPeriodMs: z.number().optional(), rotationPeriodMsgs: z.number().optional() })
    .nullable(),
  joinRule: z.string().optional(),
  historyVisibility: z.string().optional(),
  guestAccess: z.string().optional(),
  federatable: z.boolean().optional(),
  members: z.array(z.string()),
  state: z.array(z.unknown()).optional(),
  recentActivity: z.array(z.looseObject({ sender: z.string(), ts: z.number() })).optional(),
});

export const UserSchema = z.looseObject({
  userId: z.string(),
  displayName: z.string().optional(),
  admin: z.boolean().optional(),
  deactivated: z.boolean().optional(),
  crossSigning: z.looseObject({
    state: z.enum(["present", "absent", "bad-signature"]),
    masterKey: z.string().optional(),
    selfSigningKey: z.string().optional(),
    userSigningKey: z.string().optional(),
    problem: z.string().optional(),
  }),
  verifiedByAuditor: z.boolean(),
  backup: z.looseObject({ version: z.string(), algorithm: z.string(), trusted: z.boolean() }).nullable().optional(),
});

export const DeviceSchema = z.looseObject({
  userId: z.string(),
  deviceId: z.string(),
  displayName: z.string().optional(),
  lastSeenTs: z.number().optional(),
  lastSeenIp: z.string().optional(),
  lastSeenUserAgent: z.string().optional(),
  keys: z
    .looseObject({ ed25519: z.string().optional(), curve25519: z.string().optional(), algorithms: z.array(z.string()).optional() })
    .optional(),
  trust: z.enum(["verified-by-owner", "unsigned", "no-keys", "bad-signature"]),
  problem: z.string().optional(),
});

const MatrixSchema = z.looseObject({
  homeserver: z.looseObject({ baseUrl: z.string(), serverName: z.string(), version: z.string().optional() }),
  view: z.enum(["admin", "member"]),
  auditor: z.looseObject({ userId: z.string(), masterKey: z.string().optional(), userSigningKey: z.string().optional() }),
  rooms: z.array(RoomSchema),
  users: z.array(UserSchema),
  devices: z.array(DeviceSchema),
});

export const TlsVersionSchema = z.enum(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]);

const CertSchema = z.looseObject({
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sans: z.array(z.string()),
  spiffeId: z.string().optional(),
  keyType: z.string().optional(),
  keyBits: z.number().optional(),
  signatureAlgorithm: z.string().optional(),
  source: z.discriminatedUnion("kind", [
    z.looseObject({ kind: z.literal("endpoint"), endpoint: z.string() }),
    z.looseObject({ kind: z.literal("file"), path: z.string() }),
  ]),
  trusted: z.boolean(),
  trustError: z.string().optional(),
  chainComplete: z.boolean().optional(),
  missingIssuer: z.string().optional(),
});

const ProbeSchema = z.looseObject({
  outcome: z.enum(["ok", "refused", "handshake-failed", "timeout", "error"]),
  protocol: TlsVersionSchema.optional(),
  cipher: z.string().optional(),
  httpStatus: z.number().optional(),
  httpSummary: z.string().optional(),
  httpLocation: z.string().optional(),
  error: z.string().optional(),
  ms: z.number(),
});

const EndpointSchema = z.looseObject({
  endpoint: z.string(),
  agent: z.string().optional(),
  expectedIdentity: z.string().optional(),
  reachable: z.boolean(),
  error: z.string().optional(),
  chain: z.array(CertSchema),
  probes: z.looseObject({
    withClientCert: ProbeSchema.optional(),
    withoutClientCert: ProbeSchema.optional(),
    tls12: ProbeSchema.optional(),
    tls11: ProbeSchema.optional(),
    plainHttp: ProbeSchema.optional(),
  }),
});

const MeshSchema = z.looseObject({
  endpoints: z.array(EndpointSchema),
  certificates: z.array(CertSchema),
  // Added after version 1, optional: older snapshots lack it and read as they are.
  conformance: z.array(EndpointConformanceSchema).optional(),
});

const HttpProbeFields = {
  path: z.string(),
  outcome: z.enum(["answered", "unreachable"]),
  status: z.number().optional(),
  errcode: z.string().optional(),
  json: z.boolean().optional(),
  location: z.string().optional(),
  error: z.string().optional(),
  ms: z.number(),
};

const HomeserverProbesSchema = z.looseObject({
  clientApi: z.looseObject({ ...HttpProbeFields, versions: z.array(z.string()).optional() }),
  adminApi: z.looseObject({ ...HttpProbeFields, serverVersion: z.string().optional() }),
  registration: z.looseObject({ ...HttpProbeFields, flows: z.array(z.array(z.string())).optional() }),
  guestRegistration: z.looseObject({ ...HttpProbeFields, guestUserId: z.string().optional(), guestDeactivated: z.boolean().optional() }),
  federation: z.looseObject({
    ...HttpProbeFields,
    url: z.string(),
    server: z.looseObject({ name: z.string().optional(), version: z.string().optional() }).optional(),
  }),
  wellKnown: z.looseObject({ ...HttpProbeFields, homeserverBaseUrl: z.string().optional() }),
});

const HomeserverConfigSchema = z.looseObject({
  path: z.string(),
  encryptionEnabledByDefaultForRoomType: z.string().optional(),
  enableRegistration: z.boolean().optional(),
  registrationRequiresToken: z.boolean().optional(),
  allowGuestAccess: z.boolean().optional(),
  federationDomainWhitelist: z.array(z.string()).nullable(),
  allowPublicRoomsOverFederation: z.boolean().optional(),
  allowPublicRoomsWithoutAuth: z.boolean().optional(),
  userDirectorySearchAllUsers: z.boolean().optional(),
  presenceEnabled: z.boolean().optional(),
  defaultRoomVersion: z.string().optional(),
  listeners: z.array(
    z.looseObject({
      port: z.number().optional(),
      bindAddresses: z.array(z.string()),
      tls: z.boolean(),
      resources: z.array(z.string()),
    }),
  ),
});

const EventMetaSchema = z.looseObject({ type: z.string(), sender: z.string(), ts: z.number(), roomEncrypted: z.boolean() });

const BotLevels = z.looseObject({ receive: z.string().optional(), send: z.string().optional(), share: z.string().optional() });
export const BotConfigSchema = z.looseObject({
  agent: z.string(),
  path: z.string(),
  error: z.string().optional(),
  section: z.enum(["encryption", "bridge.encryption"]).optional(),
  userId: z.string().optional(),
  deviceId: z.string().optional(),
  encryption: z
    .looseObject({
      allow: z.boolean().optional(),
      default: z.boolean().optional(),
      require: z.boolean().optional(),
      appservice: z.boolean().optional(),
      verificationLevels: BotLevels.optional(),
      rotation: z
        .looseObject({ enableCustom: z.boolean().optional(), milliseconds: z.number().optional(), messages: z.number().optional() })
        .optional(),
    })
    .optional(),
});

export const HomeserverSchema = z.looseObject({
  publicBaseUrl: z.string(),
  version: z.string().optional(),
  versionSource: z.enum(["admin-api", "federation"]).optional(),
  probes: HomeserverProbesSchema,
  tls: z
    .looseObject({
      chain: z.array(CertSchema),
      trustAnchors: z.enum(["configured", "system"]),
      probes: z.looseObject({ modern: ProbeSchema, tls12: ProbeSchema.optional(), tls11: ProbeSchema.optional() }),
    })
    .optional(),
  config: HomeserverConfigSchema.optional(),
  timeline: z
    .looseObject({
      windowHours: z.number(),
      rooms: z.array(
        z.looseObject({
          roomId: z.string(),
          eventsRead: z.number(),
          windowStartTs: z.number(),
          complete: z.boolean(),
          unencrypted: z.array(EventMetaSchema),
          unencryptedCount: z.number(),
          error: z.string().optional(),
        }),
      ),
    })
    .optional(),
});

const AgentSchema = z.looseObject({
  name: z.string(),
  owner: z.string().optional(),
  matrixUserId: z.string().optional(),
  deviceIds: z.array(z.string()),
  siblings: z.array(z.string()),
  endpoint: z.string().optional(),
  spiffeId: z.string().optional(),
  botConfig: z.string().optional(),
});

const ProfileSchema = z.looseObject({
  source: z.string(),
  name: z.string(),
  userId: z.string().optional(),
  deviceId: z.string().optional(),
  siblings: z.array(z.string()),
  e2eeMode: z.string().optional(),
  homeserverUrl: z.string().optional(),
});

export const RegistrySchema = z.looseObject({
  agents: z.array(AgentSchema),
  allowedMembers: z.array(z.string()),
  profiles: z.array(ProfileSchema).optional(),
});

/** The current shape, version stamped. Stored snapshots go through StoredSnapshotSchema, which upgrades them first. */
export const SnapshotSchema: z.ZodType<Snapshot> = z.looseObject({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  takenAt: z.iso.datetime({ offset: true }),
  matrix: MatrixSchema.optional(),
  mesh: MeshSchema.optional(),
  // Added after version 1 as an optional part: older snapshots lack it and read as they are (no migration).
  homeserver: HomeserverSchema.optional(),
  // Likewise added after version 1, optional.
  bots: z.array(BotConfigSchema).optional(),
  errors: z.array(CollectErrorSchema),
  registry: RegistrySchema.optional(),
});

/** A snapshot of any version this Vigil knows, upgraded to the current shape and checked against it. */
export const StoredSnapshotSchema: z.ZodType<Snapshot> = z.preprocess((stored, ctx) => {
  const migrated = migrateSnapshot(stored);
  if (migrated.ok) return migrated.snapshot;
  ctx.addIssue({ code: "custom", message: migrated.reason, input: stored });
  return stored;
}, SnapshotSchema);
