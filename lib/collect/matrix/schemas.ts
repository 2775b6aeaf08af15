/**
 * Shapes of the homeserver responses the collector relies on. Lists are parsed
 * entry by entry (`z.array(z.unknown())` then a per-entry schema) so one bad
 * room or user becomes one scoped error, not a failed scan. Key material stays
 * `unknown` here: signatures cover every field, so it must reach trust.ts verbatim.
 */
import { z } from "zod";

export const WhoamiSchema = z.looseObject({ user_id: z.string().min(1), device_id: z.string().optional() });
export const AdminFlagSchema = z.looseObject({ admin: z.boolean() });

const optStr = z.string().nullish();
export const AdminRoomSchema = z.looseObject({
  room_id: z.string().startsWith("!"),
  name: optStr,
  canonical_alias: optStr,
  creator: optStr,
  joined_members: z.number().int().nonnegative(),
  encryption: optStr,
  join_rules: optStr,
  guest_access: optStr,
  history_visibility: optStr,
  federatable: z.boolean().nullish(),
  public: z.boolean().nullish(),
});
export type AdminRoom = z.infer<typeof AdminRoomSchema>;
export const AdminRoomPageSchema = z.looseObject({
  rooms: z.array(z.unknown()),
  total_rooms: z.number().int().optional(),
  next_batch: z.union([z.number(), z.string()]).nullish(),
});

export const AdminUserSchema = z.looseObject({
  name: z.string().startsWith("@"),
  displayname: optStr,
  admin: z.union([z.boolean(), z.number()]).nullish(),
  deactivated: z.union([z.boolean(), z.number()]).nullish(),
  is_guest: z.union([z.boolean(), z.number()]).nullish(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;
export const AdminUserPageSchema = z.looseObject({
  users: z.array(z.unknown()),
  next_token: z.union([z.string(), z.number()]).nullish(),
  total: z.number().optional(),
});

export const AdminDeviceSchema = z.looseObject({
  device_id: z.string().min(1),
  display_name: optStr,
  last_seen_ts: z.number().nullish(),
  last_seen_ip: optStr,
  last_seen_user_agent: optStr,
});
export const AdminDevicesSchema = z.looseObject({ devices: z.array(z.unknown()) });

/** Admin `/rooms/<id>/state` and CS `/rooms/<id>/state` (a bare array). */
export const AdminStateSchema = z.looseObject({ state: z.array(z.unknown()) });
export const ClientStateSchema = z.array(z.unknown());

export const JoinedRoomsSchema = z.looseObject({ joined_rooms: z.array(z.string()) });

export const MessagesSchema = z.looseObject({ chunk: z.array(z.unknown()) });

const record = z.record(z.string(), z.unknown());
export const KeysQuerySchema = z.looseObject({
  device_keys: record.optional(),
  master_keys: record.optional(),
  self_signing_keys: record.optional(),
  user_signing_keys: record.optional(),
  failures: record.optional(),
});

export const BackupVersionSchema = z.looseObject({
  version: z.string(),
  algorithm: z.string(),
  auth_data: record,
});
