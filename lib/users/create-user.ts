import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { ROLES } from "../auth/permissions";
import { hasControlCharacters, singleLine } from "../security/text";

export const CreateUserInput = z.object({
  email: z.email("Enter a valid email address.").refine((e) => !hasControlCharacters(e), "Enter a valid email address."),
  name: singleLine("a name", 200),
  role: z.enum(ROLES, "Choose a role: viewer, auditor or admin."),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
});

export class DuplicateUserError extends Error {}

/** Adds a Vigil user. The caller (an admin action) has already been authorised. */
export async function createUser(input: z.infer<typeof CreateUserInput>) {
  const email = input.email.toLowerCase();
  if (await getDb().user.findUnique({ where: { email } })) throw new DuplicateUserError(`${email} already has an account.`);
  return getDb().user.create({
    data: { email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, role: true },
  });
}
