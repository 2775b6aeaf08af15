/**
 * homeserver.yaml, read for the few settings that weaken E2EE or expose the server, and nothing else: the schema
 * below picks those keys, so the file's secrets (macaroon_secret_key, registration_shared_secret, form_secret, the
 * database password…) never leave this function, and an error about the file is redacted of them before it is kept.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { redact } from "../../secrets/redact";
import { secretValues } from "../../secrets/secret-values";
import type { HomeserverConfigFacts } from "../../snapshot/types";

const Listener = z.looseObject({
  port: z.number().int().optional(),
  bind_addresses: z.array(z.string()).optional(),
  tls: z.boolean().optional(),
  resources: z.array(z.looseObject({ names: z.array(z.string()).default([]) })).default([]),
});

const HomeserverYaml = z.looseObject({
  encryption_enabled_by_default_for_room_type: z.string().optional(),
  enable_registration: z.boolean().optional(),
  registration_requires_token: z.boolean().optional(),
  allow_guest_access: z.boolean().optional(),
  federation_domain_whitelist: z.array(z.string()).nullable().optional(),
  allow_public_rooms_over_federation: z.boolean().optional(),
  allow_public_rooms_without_auth: z.boolean().optional(),
  user_directory: z.looseObject({ search_all_users: z.boolean().optional() }).nullable().optional(),
  presence: z.looseObject({ enabled: z.boolean().optional() }).nullable().optional(),
  default_room_version: z.union([z.string(), z.number()]).optional(),
  listeners: z.array(Listener).default([]),
});

export class HomeserverConfigError extends Error {}

/** The judged settings of homeserver.yaml at `file`; a HomeserverConfigError (redacted) when it cannot be read. */
export function readHomeserverConfig(file: string): HomeserverConfigFacts {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (e) {
    // A YAML error may quote the line it failed on, and that line may hold a secret: say only where it failed.
    const where = e instanceof Error && "linePos" in e && Array.isArray(e.linePos) ? ` near line ${JSON.stringify(e.linePos[0])}` : "";
    const code = e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : "unreadable";
    throw new HomeserverConfigError(`${file}: ${code}${where}`);
  }
  const parsed = HomeserverYaml.safeParse(doc ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
    throw new HomeserverConfigError(redact(`${file}: ${issues}`, secretValues(doc)));
  }
  const y = parsed.data;
  const facts: HomeserverConfigFacts = {
    path: file,
    federationDomainWhitelist: y.federation_domain_whitelist ?? null,
    listeners: y.listeners.map((l) => ({
      ...(l.port !== undefined ? { port: l.port } : {}),
      bindAddresses: l.bind_addresses ?? [],
      tls: l.tls ?? false,
      resources: l.resources.flatMap((r) => r.names),
    })),
  };
  const encryptionDefault = y.encryption_enabled_by_default_for_room_type;
  if (encryptionDefault !== undefined) facts.encryptionEnabledByDefaultForRoomType = encryptionDefault;
  if (y.enable_registration !== undefined) facts.enableRegistration = y.enable_registration;
  if (y.registration_requires_token !== undefined) facts.registrationRequiresToken = y.registration_requires_token;
  if (y.allow_guest_access !== undefined) facts.allowGuestAccess = y.allow_guest_access;
  if (y.allow_public_rooms_over_federation !== undefined) facts.allowPublicRoomsOverFederation = y.allow_public_rooms_over_federation;
  if (y.allow_public_rooms_without_auth !== undefined) facts.allowPublicRoomsWithoutAuth = y.allow_public_rooms_without_auth;
  if (y.user_directory?.search_all_users !== undefined) facts.userDirectorySearchAllUsers = y.user_directory.search_all_users;
  if (y.presence?.enabled !== undefined) facts.presenceEnabled = y.presence.enabled;
  if (y.default_room_version !== undefined) facts.defaultRoomVersion = String(y.default_room_version);
  return facts;
}
