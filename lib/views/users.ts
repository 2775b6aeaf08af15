import "server-only";
import { getDb } from "../db";

/** Every account for the Users page, oldest first: the fields the table shows, never a password hash or session version. */
export function listUsers() {
  return getDb().user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastLoginAt: true },
  });
}
