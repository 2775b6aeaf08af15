/**
 * What remediation reads from the homeserver's answers, parsed like every other boundary (CODE_STYLE.md):
 * a field Vigil acts on is checked, everything else is let through untouched.
 */
import { z } from "zod";

/** Room versions before 10 allowed power levels as strings of digits; Synapse still serves such rooms. */
const PowerLevel = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d{1,16}$/)
    .transform(Number),
]);

export const PowerLevelsSchema = z.looseObject({
  users: z.record(z.string(), PowerLevel).optional(),
  users_default: PowerLevel.optional(),
  events: z.record(z.string(), PowerLevel).optional(),
  state_default: PowerLevel.optional(),
});

/** Synapse Admin API room details: the two facts enabling encryption depends on. */
export const AdminRoomDetailsSchema = z.looseObject({
  encryption: z.string().nullish(),
  joined_local_members: z.number().int().nonnegative(),
});

/** Synapse Admin API device: present at all is what a sign-out's dry run needs. */
export const AdminDeviceSchema = z.looseObject({ device_id: z.string() });

export const EventIdSchema = z.looseObject({ event_id: z.string().min(1) });
export const JoinedSchema = z.looseObject({ room_id: z.string() });
/** Answers that carry nothing but success (make_room_admin, device delete): `{}`. */
export const EmptyAnswerSchema = z.looseObject({});
