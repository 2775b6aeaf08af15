/**
 * The policy: ONE schema, holding every threshold's type, check and default.
 * `Policy` (what checks read) is its output and DEFAULT_POLICY its parse of
 * nothing, so a field is spelled here and in policy.example.yaml only — and a
 * test holds the example to this schema. In policy.yaml every key is optional
 * (a key left out keeps its default; objects merge key by key, arrays and the
 * severities map replace) and unknown keys are errors: a misspelt threshold
 * silently ignored is a check silently weakened.
 */
import { z } from "zod";
import { TlsVersionSchema } from "../snapshot/schema";
import { SEVERITIES } from "./severity";

const positiveInt = z.number().int().positive();
const validRegex = z.string().refine((s) => {
  try {
    new RegExp(s, "i");
    return true;
  } catch {
    return false;
  }
}, "must be a valid regular expression");

/**
 * mautrix's device-trust levels (mautrix.types.TrustState, as its config spells them), weakest first: what a bot
 * demands of other devices before it shares keys, accepts messages or answers key requests.
 */
export const BOT_TRUST_LEVELS = ["unverified", "cross-signed-untrusted", "cross-signed-tofu", "cross-signed-trusted", "verified"] as const;
const BotTrustLevel = z.enum(BOT_TRUST_LEVELS);

const MatrixPolicy = z
  .object({
    /** MX-ROOM-ALGORITHM: the only room encryption algorithms accepted. */
    allowedAlgorithms: z.array(z.string().min(1)).min(1, "list at least one algorithm").default(["m.megolm.v1.aes-sha2"]),
    /** MX-ROOM-ROTATION: longest acceptable Megolm session lifetime (a week)... */
    maxRotationPeriodMs: positiveInt.default(7 * 24 * 3600 * 1000),
    /** ...and in messages. */
    maxRotationPeriodMsgs: positiveInt.default(100),
    /** MX-ROOM-HISTORY: weakest acceptable history_visibility, from strongest: joined < invited < shared < world_readable. */
    weakestHistoryVisibility: z.enum(["joined", "invited", "shared", "world_readable"]).default("shared"),
    /** MX-DEVICE-STALE: an agent device unseen for this many days is stale. */
    staleDeviceDays: positiveInt.default(30),
    /** MX-ROOM-FEEDBACK-LOOP: at least this many alternations between two agents within the window. */
    feedbackLoop: z
      .object({ minAlternations: positiveInt.default(20), windowSeconds: positiveInt.default(300) })
      .strict()
      .prefault({}),
    /** Which rooms are "in scope": every room, or only rooms with at least one registered agent. */
    roomScope: z.enum(["all", "with-agents"]).default("with-agents"),
    /** MX-ROOM-UNLISTED-MEMBER: users allowed in agent rooms besides agents; merged with the registry's allowedMembers. */
    allowedMembers: z.array(z.string().regex(/^@[^:]+:.+$/, "must be a Matrix user id like @ops:example.org")).default([]),
  })
  .strict();

const MeshPolicy = z
  .object({
    /** MESH-TLS-LEGACY: the oldest TLS version an endpoint may accept. */
    minTlsVersion: TlsVersionSchema.default("TLSv1.3"),
    /** MESH-CERT-LIFETIME: the longest acceptable certificate lifetime. */
    maxCertLifetimeHours: z.number().positive().default(24),
    /**
     * MESH-CERT-EXPIRING when remaining <= max(expiryWarningHours, (1 - share) * lifetime): either
     * threshold opens the window. Defaults (0 h = off, 0.8): a 24 h cert warns in its last 4.8 h.
     */
    expiryWarningHours: z.number().nonnegative().default(0),
    expiryWarningLifetimeShare: z.number().gt(0).lt(1, "must be between 0 and 1").default(0.8),
    /** MESH-WEAK-KEY: smallest acceptable key sizes. */
    minRsaBits: positiveInt.default(2048),
    minEcBits: positiveInt.default(256),
    /** Probing: per-attempt timeout, and how many endpoints are probed at once. */
    probeTimeoutMs: positiveInt.default(3000),
    concurrency: positiveInt.max(1024).default(64),
  })
  .strict();

const RegistryPolicy = z
  .object({
    /** REG-UNDECLARED-USER: a user whose localpart matches this (case-insensitive) looks like an agent and must be declared. */
    agentLocalpartPattern: validRegex.default("^(agent|bot)[-_.]"),
    /** REG-E2EE-NOT-REQUIRED: MATRIX_E2EE_MODE values that count as "encryption required". */
    requiredE2eeModes: z.array(z.string().min(1)).min(1).default(["required"]),
  })
  .strict();

const HomeserverPolicy = z
  .object({
    /** HS-VERSION-OUTDATED: the oldest acceptable homeserver version (dotted numbers, compared part by part). */
    minVersion: z
      .string()
      .regex(/^\d+(\.\d+){0,3}$/, "must be a dotted version like 1.120.0")
      .default("1.120.0"),
    /** HS-REGISTRATION-OPEN: the weakest acceptable registration, from strongest: disabled < token < open. */
    registration: z.enum(["disabled", "token", "open"]).default("token"),
    /** HS-GUEST-REGISTRATION: whether anyone may create guest accounts. */
    allowGuestRegistration: z.boolean().default(false),
    /** HS-FEDERATION-OPEN: the weakest acceptable federation, from strongest: none < allowlist < open. */
    federation: z.enum(["none", "allowlist", "open"]).default("allowlist"),
    /** HS-CLIENT-TLS: the oldest TLS version the client API may accept... */
    minTlsVersion: TlsVersionSchema.default("TLSv1.2"),
    /** ...and how many days before notAfter its certificate counts as expiring. */
    certExpiryWarningDays: z.number().nonnegative().default(14),
    /** HS-CONFIG-ENCRYPTION-DEFAULT: acceptable values of encryption_enabled_by_default_for_room_type. */
    encryptionByDefault: z
      .array(z.enum(["all", "invite", "off"]))
      .min(1)
      .default(["all", "invite"]),
    /** MX-ROOM-PLAINTEXT-EVENTS: how far back each encrypted room's timeline is read, and at most how many events. */
    eventWindow: z
      .object({ hours: positiveInt.default(168), maxEventsPerRoom: positiveInt.max(10_000).default(500) })
      .strict()
      .prefault({}),
    /** MX-ROOM-PLAINTEXT-EVENTS: event types that are unencrypted by design in an encrypted room (redactions are). */
    allowedPlaintextEventTypes: z.array(z.string().min(1)).default(["m.room.redaction"]),
    /** Probing the public URL: per-request timeout. */
    probeTimeoutMs: positiveInt.default(5000),
    /** HS-BOT-ENCRYPTION-CONFIG: settings of a bot's `encryption:` section that must be true (mautrix defaults each to false). */
    botEncryption: z.array(z.enum(["allow", "default", "require"])).default(["allow", "default", "require"]),
    /** HS-BOT-VERIFICATION-LEVELS: the weakest acceptable level for each of a bot's verification_levels. */
    botVerificationLevels: z
      .object({
        receive: BotTrustLevel.default("cross-signed-tofu"),
        send: BotTrustLevel.default("cross-signed-tofu"),
        share: BotTrustLevel.default("cross-signed-tofu"),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const PolicySchema = z
  .object({
    matrix: MatrixPolicy.prefault({}),
    mesh: MeshPolicy.prefault({}),
    registry: RegistryPolicy.prefault({}),
    homeserver: HomeserverPolicy.prefault({}),
    /** Per-check severity overrides, by check id (which ids exist is the rules' to say: see parsePolicyYaml). */
    severities: z.record(z.string(), z.enum(SEVERITIES)).default({}),
  })
  .strict();

/** The thresholds every check judges against: complete, defaults filled in. */
export type Policy = z.output<typeof PolicySchema>;
/** What a policy.yaml may say: every key optional. */
export type PolicyFile = z.input<typeof PolicySchema>;
